import { customerProfile } from './customer-profile';

const profiles = Array.from({ length: 400 }, (_, i) => customerProfile(`C${String(i + 1).padStart(6, '0')}`, 1));

describe('customerProfile', () => {
  it('gives the same person for the same id and seed', () => {
    expect(customerProfile('C000007', 1)).toEqual(customerProfile('C000007', 1));
    expect(customerProfile('C000007', 2)).not.toEqual(customerProfile('C000007', 1));
  });

  it('writes phone numbers in E.164 and leaves some out', () => {
    const phones = profiles.map((profile) => profile.phone);
    expect(phones.filter((phone) => phone !== null).every((phone) => /^\+[1-9]\d{7,14}$/.test(phone as string))).toBe(true);
    const missing = phones.filter((phone) => phone === null).length / phones.length;
    expect(missing).toBeGreaterThan(0.05);
    expect(missing).toBeLessThan(0.3);
  });

  it('spreads customers over several locales with a matching country', () => {
    const locales = new Set(profiles.map((profile) => profile.locale));
    expect([...locales]).toEqual(expect.arrayContaining(['en', 'es', 'es-MX', 'fr']));
    expect(profiles.filter((profile) => profile.locale === 'es-MX').every((profile) => profile.country === 'MX' && profile.phone?.startsWith('+52') !== false)).toBe(true);
  });

  it('only uses reserved example domains for email, in plain ASCII', () => {
    expect(profiles.every((profile) => /^[a-z0-9.]+@example\.(com|org|net)$/.test(profile.email))).toBe(true);
  });
});
