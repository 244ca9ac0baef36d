import { decodeCustomerUpdated } from '@syncengage/contracts';
import { hubSpotBatchSchema, hubSpotDeliveries } from './hubspot-events';

// The shape of HubSpot's documented webhook payload (one batch, several subscription types).
const batch = hubSpotBatchSchema.parse([
  { eventId: 1, subscriptionId: 12345, portalId: 62515, occurredAt: 1564113600000, subscriptionType: 'contact.creation', attemptNumber: 0, objectId: 123, changeSource: 'CRM', changeFlag: 'NEW', appId: 54321 },
  { eventId: 2, subscriptionId: 12346, portalId: 62515, occurredAt: 1564113600001, subscriptionType: 'contact.propertyChange', attemptNumber: 0, objectId: 123, propertyName: 'email', propertyValue: 'ana@example.com', changeSource: 'CRM', appId: 54321 },
  { eventId: 3, subscriptionId: 12346, portalId: 62515, occurredAt: 1564113600002, subscriptionType: 'contact.propertyChange', attemptNumber: 0, objectId: 123, propertyName: 'loyalty_tier', propertyValue: 'gold', changeSource: 'CRM', appId: 54321 },
  { eventId: 4, subscriptionId: 12347, portalId: 62515, occurredAt: 1564113600003, subscriptionType: 'contact.deletion', attemptNumber: 0, objectId: 124, changeSource: 'CRM', appId: 54321 },
]);

describe(hubSpotDeliveries.name, () => {
  const deliveries = hubSpotDeliveries(batch);

  it('turns a contact creation into customer_created keyed by the contact id', () => {
    const [created] = deliveries;
    expect(created).toMatchObject({ deliveryId: '62515:1' });
    if (!('event' in created)) throw new Error('expected an event');
    expect(decodeCustomerUpdated(created.event)).toMatchObject({ customerId: '123', source: 'hubspot', change: 'customer_created', occurredAt: '2019-07-26T04:00:00.000Z' });
  });

  it('maps profile properties into the profile and custom ones into attributes', () => {
    const [, email, custom] = deliveries;
    expect('event' in email && email.event).toMatchObject({ change: 'profile_updated', profile: { email: 'ana@example.com' }, attributes: {} });
    expect('event' in custom && custom.event).toMatchObject({ change: 'profile_updated', profile: {}, attributes: { loyalty_tier: 'gold' } });
  });

  it('acknowledges a deletion without an event', () => {
    expect(deliveries[3]).toEqual({ deliveryId: '62515:4', ignoredBecause: 'contact.deletion is not mapped to an event' });
  });

  it('gives a redelivered event the same event id', () => {
    const again = hubSpotDeliveries(batch);
    expect('event' in again[0] && again[0].event.eventId).toBe('event' in deliveries[0] && deliveries[0].event.eventId);
  });

  it('names the bad fields of a malformed batch', () => {
    const parsed = hubSpotBatchSchema.safeParse([{ eventId: 1, occurredAt: 'yesterday' }]);
    expect(parsed.success).toBe(false);
  });
});
