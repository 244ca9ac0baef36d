import { resolveLocale } from './locale';

const templates = ['en', 'es', 'fr'];

describe(resolveLocale.name, () => {
  it.each([
    { requested: 'es-MX', available: templates, resolved: 'es' },
    { requested: 'fr-CA', available: templates, resolved: 'fr' },
    { requested: 'es', available: templates, resolved: 'es' },
    { requested: 'de-DE', available: templates, resolved: 'en' },
    { requested: undefined, available: templates, resolved: 'en' },
    { requested: '', available: templates, resolved: 'en' },
    { requested: 'ES-mx', available: templates, resolved: 'es' },
    { requested: 'es-mx', available: ['en', 'es', 'es-MX'], resolved: 'es-MX' },
    { requested: 'es-AR', available: ['en', 'es', 'es-MX'], resolved: 'es' },
    { requested: 'fr', available: ['EN', 'Fr'], resolved: 'Fr' },
    { requested: 'zh-Hant-TW', available: ['en', 'zh-Hant'], resolved: 'zh-Hant' },
  ])('picks $resolved for $requested from $available', ({ requested, available, resolved }) => {
    expect(resolveLocale(requested, available)).toBe(resolved);
  });

  it('falls back to the given default instead of English', () => {
    expect(resolveLocale('de', ['es', 'fr'], 'fr')).toBe('fr');
  });
});
