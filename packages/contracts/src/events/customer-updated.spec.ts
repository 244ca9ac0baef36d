import { InvalidEvent } from '../invalid-event';
import { decodeCustomerUpdated, type CustomerUpdated } from './customer-updated';

const purchase: CustomerUpdated = {
  eventId: '0b7e9f3a-3c1e-4b7a-9d2f-6a1e2b3c4d5e',
  occurredAt: '2025-03-01T10:00:00.000Z',
  customerId: 'cust-42',
  eventType: 'customer-updated',
  schemaVersion: 1,
  source: 'webhook',
  change: 'purchase_made',
  purchase: { orderId: 'ord-1', amountCents: 4_999, currency: 'EUR', orderedAt: '2025-03-01T09:58:00+01:00' },
  profile: { email: 'ana@example.com', phone: '+34600111222', locale: 'es-MX', country: 'MX', smsConsent: true },
  attributes: { loyaltyTier: 'gold' },
};

function rejectionOf(raw: unknown): InvalidEvent {
  try {
    decodeCustomerUpdated(raw);
  } catch (error) {
    if (error instanceof InvalidEvent) return error;
    throw error;
  }
  throw new Error('expected the event to be rejected');
}

describe('decodeCustomerUpdated', () => {
  it('accepts a purchase and returns it unchanged', () => {
    expect(decodeCustomerUpdated(purchase)).toEqual(purchase);
  });

  it('fills an omitted profile and attributes with empty objects', () => {
    const { profile, attributes, purchase: _, ...rest } = purchase;
    const decoded = decodeCustomerUpdated({ ...rest, change: 'profile_updated' });
    expect(decoded.profile).toEqual({});
    expect(decoded.attributes).toEqual({});
  });

  it.each(['profile_updated', 'customer_created'] as const)('accepts %s without a purchase', (change) => {
    const { purchase: _, ...withoutPurchase } = purchase;
    expect(decodeCustomerUpdated({ ...withoutPurchase, change }).change).toBe(change);
  });

  it.each(['purchase_made', 'purchase_refunded'] as const)('requires a purchase when change is %s', (change) => {
    const { purchase: _, ...withoutPurchase } = purchase;
    expect(rejectionOf({ ...withoutPurchase, change }).issues).toEqual([`purchase: required when change is ${change}`]);
  });

  it.each([
    { field: 'eventId', patch: { eventId: 'not-a-uuid' }, issue: 'eventId: Invalid uuid' },
    { field: 'occurredAt', patch: { occurredAt: 'yesterday' }, issue: 'occurredAt: Invalid datetime' },
    { field: 'customerId', patch: { customerId: '' }, issue: 'customerId: String must contain at least 1 character(s)' },
    { field: 'schemaVersion', patch: { schemaVersion: 2 }, issue: 'schemaVersion: Invalid literal value, expected 1' },
    { field: 'eventType', patch: { eventType: 'churn-scored' }, issue: 'eventType: Invalid literal value, expected "customer-updated"' },
    { field: 'change', patch: { change: 'deleted' }, issue: expect.stringMatching(/^change: Invalid enum value/) },
    { field: 'purchase.amountCents', patch: { purchase: { ...purchase.purchase, amountCents: 49.99 } }, issue: 'purchase.amountCents: Expected integer, received float' },
    { field: 'purchase.amountCents', patch: { purchase: { ...purchase.purchase, amountCents: -1 } }, issue: 'purchase.amountCents: Number must be greater than or equal to 0' },
    { field: 'purchase.currency', patch: { purchase: { ...purchase.purchase, currency: 'EURO' } }, issue: 'purchase.currency: String must contain exactly 3 character(s)' },
    { field: 'profile.email', patch: { profile: { email: 'ana-at-example' } }, issue: 'profile.email: Invalid email' },
    { field: 'profile.phone', patch: { profile: { phone: '600111222' } }, issue: 'profile.phone: must be an E.164 phone number like +15558675310' },
    { field: 'profile.locale', patch: { profile: { locale: 'es_MX' } }, issue: 'profile.locale: must be a BCP 47 tag like es-MX' },
  ])('rejects a bad $field and names it', ({ patch, issue }) => {
    expect(rejectionOf({ ...purchase, ...patch }).issues).toEqual([issue]);
  });

  it('names every bad field at once, not just the first', () => {
    const error = rejectionOf({ ...purchase, customerId: '', purchase: { ...purchase.purchase, currency: 'E' } });
    expect(error.message).toContain('customerId:');
    expect(error.message).toContain('purchase.currency:');
  });

  it.each([[null], ['customer-updated'], [42], [[]]])('rejects %p as not an object', (raw) => {
    expect(rejectionOf(raw).issues[0]).toMatch(/^\(root\): Expected object/);
  });

  it('marks the rejection as never retryable, so the consumer dead-letters it', () => {
    const error = rejectionOf({});
    expect(error).toMatchObject({ code: 'INVALID_EVENT', retryable: false, eventName: 'customer-updated' });
    expect(error.message).toMatch(/^invalid customer-updated: /);
  });
});
