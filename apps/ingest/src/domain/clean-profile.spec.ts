import { cleanProfile } from './clean-profile';

describe(cleanProfile.name, () => {
  it('keeps valid fields, trims them, and skips empty ones', () => {
    expect(cleanProfile({ email: ' ana@example.com ', firstName: 'Ana', lastName: '', phone: null, emailConsent: true })).toEqual({
      profile: { email: 'ana@example.com', firstName: 'Ana', emailConsent: true },
      dropped: [],
    });
  });

  it('leaves out and names fields our schema would refuse, instead of failing the customer', () => {
    expect(cleanProfile({ email: 'n/a', phone: '555-1234', locale: 'es-MX', country: 'Mexico' })).toEqual({
      profile: { locale: 'es-MX' },
      dropped: ['email', 'phone', 'country'],
    });
  });
});
