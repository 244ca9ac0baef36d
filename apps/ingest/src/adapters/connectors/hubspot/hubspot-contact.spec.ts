import { toCustomerRecord } from './hubspot-contact';

describe(toCustomerRecord.name, () => {
  const contact = (properties: Record<string, string | null>) => ({ id: '512', updatedAt: '2026-01-02T00:00:00.000Z', properties });

  it('maps the standard properties to the profile and the configured custom ones to attributes', () => {
    expect(toCustomerRecord(contact({
      email: 'ana@example.com', firstname: 'Ana', lastname: 'Ruiz', phone: '+34911222333', country: 'es', hs_language: 'es', lifecyclestage: 'customer',
      lastmodifieddate: '2026-01-01T10:00:00.123Z', loyalty_tier: 'gold', not_configured: 'x',
    }), ['loyalty_tier'])).toEqual({
      kind: 'customer', id: '512', updatedAt: '2026-01-01T10:00:00.123Z',
      profile: { email: 'ana@example.com', firstName: 'Ana', lastName: 'Ruiz', phone: '+34911222333', locale: 'es', country: 'ES' },
      attributes: { lifecycleStage: 'customer', loyalty_tier: 'gold' },
    });
  });

  it('keeps a country name in attributes, falls back to the mobile phone and to updatedAt', () => {
    const record = toCustomerRecord(contact({ country: 'Spain', phone: null, mobilephone: '+34600111222' }), []);
    expect(record).toMatchObject({ updatedAt: '2026-01-02T00:00:00.000Z', profile: { phone: '+34600111222', country: undefined }, attributes: { country: 'Spain' } });
  });
});
