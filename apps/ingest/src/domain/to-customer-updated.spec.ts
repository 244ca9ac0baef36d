import { decodeCustomerUpdated, webhookCustomerUpdatedSchema } from '@syncengage/contracts';
import { toCustomerUpdated } from './to-customer-updated';

const eventId = '0b7e9f3a-3c1e-4b7a-9d2f-6a1e2b3c4d5e';
const receivedAt = new Date('2025-03-01T10:00:00.000Z');

/** Parses like the use case does, so defaults (currency, empty data) apply as they would in production. */
const fromBody = (body: unknown) => toCustomerUpdated(webhookCustomerUpdatedSchema.parse(body), eventId, receivedAt);

describe(toCustomerUpdated.name, () => {
  it('turns a partner purchase into a customer-updated event from the webhook source', () => {
    const event = fromBody({
      customer_id: 'cust-42',
      event: 'purchase_made',
      data: { order_id: 'ord-1', amount: 49.99, currency: 'EUR', ordered_at: '2025-03-01T09:58:00+01:00' },
    });
    expect(event).toEqual({
      eventId,
      eventType: 'customer-updated',
      schemaVersion: 1,
      occurredAt: '2025-03-01T10:00:00.000Z',
      customerId: 'cust-42',
      source: 'webhook',
      change: 'purchase_made',
      purchase: { orderId: 'ord-1', amountCents: 4_999, currency: 'EUR', orderedAt: '2025-03-01T09:58:00+01:00' },
      profile: {},
      attributes: {},
    });
    expect(decodeCustomerUpdated(event)).toEqual(event);
  });

  it.each([
    { amount: 0, amountCents: 0 },
    { amount: 10, amountCents: 1_000 },
    { amount: 19.99, amountCents: 1_999 },
    { amount: 4.35, amountCents: 435 },
    { amount: 1.15, amountCents: 115 },
    { amount: 0.004, amountCents: 0 },
    { amount: 1_234_567.89, amountCents: 123_456_789 },
  ])('counts $amount in major units as $amountCents cents', ({ amount, amountCents }) => {
    expect(fromBody({ customer_id: 'c', event: 'purchase_made', data: { order_id: 'o', amount } }).purchase?.amountCents).toBe(amountCents);
  });

  it('records a refund as a positive amount with change purchase_refunded', () => {
    const event = fromBody({ customer_id: 'c', event: 'purchase_refunded', data: { order_id: 'ord-1', amount: 12.5 } });
    expect(event.change).toBe('purchase_refunded');
    expect(event.purchase).toMatchObject({ orderId: 'ord-1', amountCents: 1_250 });
  });

  it('defaults the currency to USD and upper-cases one given in lower case', () => {
    expect(fromBody({ customer_id: 'c', event: 'purchase_made', data: { order_id: 'o', amount: 1 } }).purchase?.currency).toBe('USD');
    expect(fromBody({ customer_id: 'c', event: 'purchase_made', data: { order_id: 'o', amount: 1, currency: 'mxn' } }).purchase?.currency).toBe('MXN');
  });

  it('dates an order without ordered_at at the moment the webhook arrived', () => {
    expect(fromBody({ customer_id: 'c', event: 'purchase_made', data: { order_id: 'o', amount: 1 } }).purchase?.orderedAt).toBe(receivedAt.toISOString());
  });

  it('maps every snake_case profile field to its camelCase name', () => {
    const event = fromBody({
      customer_id: 'c',
      event: 'profile_updated',
      data: {
        email: 'ana@example.com',
        phone: '+5215512345678',
        first_name: 'Ana',
        last_name: 'García',
        locale: 'es-MX',
        country: 'MX',
        time_zone: 'America/Mexico_City',
        email_consent: true,
        sms_consent: false,
      },
    });
    expect(event.profile).toEqual({
      email: 'ana@example.com',
      phone: '+5215512345678',
      firstName: 'Ana',
      lastName: 'García',
      locale: 'es-MX',
      country: 'MX',
      timeZone: 'America/Mexico_City',
      emailConsent: true,
      smsConsent: false,
    });
    expect(event.purchase).toBeUndefined();
    expect(event.attributes).toEqual({});
  });

  it('keeps data fields it does not know in attributes, and leaves known ones out', () => {
    const event = fromBody({
      customer_id: 'c',
      event: 'purchase_made',
      data: { order_id: 'o', amount: 5, first_name: 'Ana', coupon: 'SPRING', loyalty: { tier: 'gold' } },
    });
    expect(event.attributes).toEqual({ coupon: 'SPRING', loyalty: { tier: 'gold' } });
    expect(event.profile).toEqual({ firstName: 'Ana' });
  });

  it('produces a valid event for a customer created without any data', () => {
    const event = fromBody({ customer_id: 'cust-new', event: 'customer_created' });
    expect(decodeCustomerUpdated(event)).toMatchObject({ customerId: 'cust-new', change: 'customer_created', profile: {}, attributes: {} });
  });
});
