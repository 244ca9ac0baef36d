import { decodeMessageRequested, type MessageRequested } from '@syncengage/contracts';
import { chooseWhatsAppTemplate, parseWhatsAppTemplates } from './whatsapp-templates';

const HX_EN = `HX${'a'.repeat(32)}`;
const HX_PT = `HX${'b'.repeat(32)}`;
const HX_ANY = `HX${'c'.repeat(32)}`;

function whatsapp(overrides: Partial<MessageRequested> = {}): MessageRequested {
  return decodeMessageRequested({
    eventId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
    occurredAt: '2026-01-15T10:00:00.000Z',
    customerId: 'customer-42',
    eventType: 'message-requested',
    schemaVersion: 1,
    campaignId: 'win-back-10',
    campaignVersion: 1,
    variant: 'A',
    segment: 'At-Risk',
    channel: 'whatsapp',
    locale: 'en',
    recipient: { phone: '+15558675310' },
    content: { text: 'We miss you' },
    reason: 'test',
    ...overrides,
  });
}

describe(parseWhatsAppTemplates.name, () => {
  it('reads campaign:locale=ContentSid entries and names every malformed one', () => {
    const { templates, problems } = parseWhatsAppTemplates([`win-back-10:en=${HX_EN}`, `win-back-10:*=${HX_ANY}`, 'win-back-10:en=HX123', 'no-locale=HX']);
    expect(templates.get('win-back-10')).toEqual(new Map([['en', HX_EN], ['*', HX_ANY]]));
    expect(problems).toEqual([
      'NOTIFIER_WHATSAPP_TEMPLATES entries must be <campaignId>:<locale|*>=<ContentSid HX + 32 hex digits>, got "win-back-10:en=HX123"',
      'NOTIFIER_WHATSAPP_TEMPLATES entries must be <campaignId>:<locale|*>=<ContentSid HX + 32 hex digits>, got "no-locale=HX"',
    ]);
  });
});

describe(chooseWhatsAppTemplate.name, () => {
  const { templates } = parseWhatsAppTemplates([`win-back-10:en=${HX_EN}`, `win-back-10:pt=${HX_PT}`, `spring-sale:*=${HX_ANY}`]);

  it.each([
    { campaignId: 'win-back-10', locale: 'en', contentSid: HX_EN },
    { campaignId: 'win-back-10', locale: 'pt-BR', contentSid: HX_PT },
    { campaignId: 'win-back-10', locale: 'EN_gb', contentSid: HX_EN },
    { campaignId: 'spring-sale', locale: 'de', contentSid: HX_ANY },
  ])('picks $contentSid for $campaignId in $locale', ({ campaignId, locale, contentSid }) => {
    expect(chooseWhatsAppTemplate(templates, whatsapp({ campaignId, locale }))).toMatchObject({ found: true, contentSid });
  });

  it('refuses a campaign or locale without an approved template, saying why', () => {
    expect(chooseWhatsAppTemplate(templates, whatsapp({ locale: 'de' }))).toEqual({
      found: false,
      reason:
        'no approved WhatsApp template for campaign win-back-10 in locale de: business-initiated WhatsApp messages outside the 24-hour session must use one (configure NOTIFIER_WHATSAPP_TEMPLATES)',
    });
    expect(chooseWhatsAppTemplate(templates, whatsapp({ campaignId: 'unknown' }))).toMatchObject({ found: false });
  });

  it('fills {{1}} with the text and, with a discount, {{2}} with the code and {{3}} with the percent', () => {
    expect(chooseWhatsAppTemplate(templates, whatsapp())).toMatchObject({ contentVariables: { '1': 'We miss you' } });
    expect(chooseWhatsAppTemplate(templates, whatsapp({ discount: { percent: 15, code: 'WB-7F3A', reservedCents: 500 } }))).toMatchObject({
      contentVariables: { '1': 'We miss you', '2': 'WB-7F3A', '3': '15' },
    });
  });
});
