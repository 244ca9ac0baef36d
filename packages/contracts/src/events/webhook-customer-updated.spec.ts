import { describeIssues } from '../invalid-event';
import { webhookCustomerUpdatedSchema } from './webhook-customer-updated';

function problemsOf(body: unknown): string[] {
  const parsed = webhookCustomerUpdatedSchema.safeParse(body);
  if (parsed.success) throw new Error('expected the body to be rejected');
  return describeIssues(parsed.error);
}

describe('webhookCustomerUpdatedSchema', () => {
  it('accepts a partner purchase in snake_case and major units, defaulting the currency to USD', () => {
    const body = { customer_id: 'cust-42', event: 'purchase_made', data: { order_id: 'ord-1', amount: 49.99 } };
    expect(webhookCustomerUpdatedSchema.parse(body)).toEqual({ ...body, data: { order_id: 'ord-1', amount: 49.99, currency: 'USD' } });
  });

  it('keeps profile fields and unknown fields sent alongside a purchase', () => {
    const body = {
      customer_id: 'cust-42',
      event: 'purchase_refunded',
      data: { order_id: 'ord-1', amount: 10, currency: 'EUR', first_name: 'Ana', coupon: 'SPRING' },
    };
    expect(webhookCustomerUpdatedSchema.parse(body).data).toEqual(body.data);
  });

  it.each(['profile_updated', 'customer_created'])('accepts %s without any data', (event) => {
    expect(webhookCustomerUpdatedSchema.parse({ customer_id: 'cust-42', event })).toEqual({ customer_id: 'cust-42', event, data: {} });
  });

  it('keeps unknown profile properties (custom CRM fields) instead of dropping them', () => {
    const body = { customer_id: 'cust-42', event: 'profile_updated', data: { locale: 'fr-CA', favourite_store: 'Montréal' } };
    expect(webhookCustomerUpdatedSchema.parse(body).data).toEqual(body.data);
  });

  it.each([
    { case: 'amount sent as a string', body: { customer_id: 'c', event: 'purchase_made', data: { order_id: 'o', amount: '12.50' } }, problem: 'data.amount: Expected number, received string' },
    { case: 'negative amount', body: { customer_id: 'c', event: 'purchase_made', data: { order_id: 'o', amount: -5 } }, problem: 'data.amount: Number must be greater than or equal to 0' },
    { case: 'purchase without order id', body: { customer_id: 'c', event: 'purchase_made', data: { amount: 5 } }, problem: 'data.order_id: Required' },
    { case: 'purchase without data', body: { customer_id: 'c', event: 'purchase_refunded' }, problem: 'data: Required' },
    { case: 'two-letter currency', body: { customer_id: 'c', event: 'purchase_made', data: { order_id: 'o', amount: 5, currency: 'EU' } }, problem: 'data.currency: String must contain exactly 3 character(s)' },
    { case: 'ordered_at without a time', body: { customer_id: 'c', event: 'purchase_made', data: { order_id: 'o', amount: 5, ordered_at: '2025-03-01' } }, problem: 'data.ordered_at: Invalid datetime' },
    { case: 'malformed email', body: { customer_id: 'c', event: 'profile_updated', data: { email: 'ana@' } }, problem: 'data.email: Invalid email' },
    { case: 'local phone number', body: { customer_id: 'c', event: 'customer_created', data: { phone: '600111222' } }, problem: 'data.phone: must be an E.164 phone number like +15558675310' },
    { case: 'consent as a string', body: { customer_id: 'c', event: 'profile_updated', data: { sms_consent: 'yes' } }, problem: 'data.sms_consent: Expected boolean, received string' },
    { case: 'empty customer id', body: { customer_id: '', event: 'profile_updated' }, problem: 'customer_id: String must contain at least 1 character(s)' },
    { case: 'camelCase customer id', body: { customerId: 'c', event: 'profile_updated' }, problem: 'customer_id: Required' },
  ])('rejects a $case and names the field', ({ body, problem }) => {
    expect(problemsOf(body)).toEqual([problem]);
  });

  it('rejects an unknown event and lists the ones it knows', () => {
    expect(problemsOf({ customer_id: 'c', event: 'customer_deleted' })).toEqual([
      "event: Invalid discriminator value. Expected 'purchase_made' | 'purchase_refunded' | 'profile_updated' | 'customer_created'",
    ]);
  });
});
