import { DEFAULT_CAMPAIGNS } from '../adapters/files/default-campaigns';
import { renderMessage } from './render-message';

const winBack = DEFAULT_CAMPAIGNS.find((campaign) => campaign.id === 'at-risk-win-back')!.variants[0];
const values = { name: 'Ana', percent: 0.15, code: 'SAVE15-AB12CD34' };

describe(renderMessage.name, () => {
  it.each([
    { locale: 'en', subject: 'We miss you', text: 'Hi Ana, come back for 15% off with code SAVE15-AB12CD34.' },
    { locale: 'es', subject: 'Te echamos de menos', text: /^Hola Ana, vuelve con un 15[\u00a0\u202f]% de descuento con el código SAVE15-AB12CD34\.$/ },
    { locale: 'fr', subject: 'Vous nous manquez', text: /^Bonjour Ana, revenez avec 15[\u00a0\u202f]% de réduction avec le code SAVE15-AB12CD34\.$/ },
  ])('writes the $locale message with that language’s percent format', ({ locale, subject, text }) => {
    const rendered = renderMessage(winBack.templates[locale], locale, values);
    expect(rendered.subject).toBe(subject);
    if (typeof text === 'string') expect(rendered.text).toBe(text);
    else expect(rendered.text).toMatch(text);
  });

  it('groups thousands the way the locale does', () => {
    const template = { subject: 'Total', text: 'You spent {amount, number}' };
    expect(renderMessage(template, 'en', { ...values, amount: 12345.5 } as typeof values).text).toBe('You spent 12,345.5');
  });

  it.each(DEFAULT_CAMPAIGNS.flatMap((campaign) => campaign.variants.flatMap((variant) => Object.keys(variant.templates).map((locale) => ({ campaign: campaign.id, variant, locale })))))(
    'renders $campaign $variant.name in $locale with every value filled in',
    ({ variant, locale }) => {
      const rendered = renderMessage(variant.templates[locale], locale, { name: 'Zoë', percent: variant.discountPercent / 100, code: 'SAVE-TEST' });
      expect(rendered.text).toContain('Zoë');
      expect(rendered.text).not.toMatch(/[{}]/);
      if (variant.discountPercent > 0) {
        expect(rendered.text).toContain('SAVE-TEST');
        expect(rendered.text).toMatch(new RegExp(`${variant.discountPercent}\\s?%`));
      }
    },
  );
});
