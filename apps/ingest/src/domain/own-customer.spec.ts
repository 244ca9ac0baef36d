import { customerUpdatedSchema } from '@syncengage/contracts';
import { applyPatch, newOwnCustomer, ownCustomerEvent } from './own-customer';

const createdAt = new Date('2026-11-01T09:00:00.000Z');
const later = new Date('2026-11-02T09:00:00.000Z');
const ana = newOwnCustomer('ana', { email: 'ana@example.com', firstName: 'Ana', locale: 'es-MX' }, { plan: 'gold', source: 'pos' }, createdAt);

describe('a customer of our own store', () => {
  it('merges a patch, removing the fields set to null, and counts the version up', () => {
    expect(applyPatch(ana, { profile: { firstName: 'Ana María', locale: null }, attributes: { source: null, vip: true } }, later)).toEqual({
      id: 'ana',
      profile: { email: 'ana@example.com', firstName: 'Ana María' },
      attributes: { plan: 'gold', vip: true },
      version: 2,
      createdAt: '2026-11-01T09:00:00.000Z',
      updatedAt: '2026-11-02T09:00:00.000Z',
    });
  });

  it('publishes its creation and each change with the whole profile, under an id fixed by the version', () => {
    const created = ownCustomerEvent(ana, 'created', createdAt);
    expect(customerUpdatedSchema.parse(created)).toMatchObject({ customerId: 'ana', change: 'customer_created', source: 'customer-store', profile: ana.profile, attributes: ana.attributes });
    const changed = ownCustomerEvent(applyPatch(ana, { profile: { firstName: 'Ana María' } }, later), 'updated', later);
    expect(changed).toMatchObject({ change: 'profile_updated', profile: { email: 'ana@example.com', firstName: 'Ana María', locale: 'es-MX' } });
    expect(new Set([created.eventId, changed.eventId]).size).toBe(2);
    expect(ownCustomerEvent(ana, 'created', later).eventId).toBe(created.eventId); // a retry is the same event
  });

  it('publishes an erasure as withdrawn consent, marked erased, without the profile', () => {
    const erased = ownCustomerEvent(ana, 'erased', later);
    expect(customerUpdatedSchema.parse(erased)).toMatchObject({ change: 'profile_updated', profile: { emailConsent: false, smsConsent: false }, attributes: { erased: true } });
    expect(erased.profile).not.toHaveProperty('email');
  });

  it('gives a customer created again under an erased id new event ids', () => {
    const again = newOwnCustomer('ana', ana.profile, {}, later);
    expect(ownCustomerEvent(again, 'created', later).eventId).not.toBe(ownCustomerEvent(ana, 'created', createdAt).eventId);
  });
});
