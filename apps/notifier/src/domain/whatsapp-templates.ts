import type { MessageRequested } from '@syncengage/contracts';

/** campaignId → locale (or '*') → an approved Twilio Content template SID (HX…). */
export type WhatsAppTemplates = ReadonlyMap<string, ReadonlyMap<string, string>>;

const CONTENT_SID = /^HX[0-9a-fA-F]{32}$/;

/** `win-back-10:en=HX…,win-back-10:*=HX…`, one entry per list item; every bad entry is named. */
export function parseWhatsAppTemplates(entries: readonly string[]): { templates: WhatsAppTemplates; problems: string[] } {
  const templates = new Map<string, Map<string, string>>();
  const problems: string[] = [];
  for (const entry of entries) {
    const match = /^([^:=\s]+):([^:=\s]+)=(\S+)$/.exec(entry.trim());
    if (!match || !CONTENT_SID.test(match[3])) {
      problems.push(`NOTIFIER_WHATSAPP_TEMPLATES entries must be <campaignId>:<locale|*>=<ContentSid HX + 32 hex digits>, got "${entry}"`);
      continue;
    }
    const [, campaignId, locale, contentSid] = match;
    const byLocale = templates.get(campaignId) ?? new Map<string, string>();
    byLocale.set(locale.toLowerCase(), contentSid);
    templates.set(campaignId, byLocale);
  }
  return { templates, problems };
}

export type TemplateChoice =
  | { found: true; contentSid: string; contentVariables: Record<string, string> }
  | { found: false; reason: string };

/**
 * Everything we send on WhatsApp is business-initiated (a campaign, not a reply), so WhatsApp accepts it outside
 * the customer's 24-hour session only as a pre-approved template: free text would be refused by Meta (Twilio
 * error 63016) after the money is spent on the attempt. No template, no send.
 * The locale falls back from `pt-BR` to `pt`, then to the campaign's `*` entry.
 */
export function chooseWhatsAppTemplate(templates: WhatsAppTemplates, message: MessageRequested): TemplateChoice {
  const byLocale = templates.get(message.campaignId);
  const locale = message.locale.toLowerCase();
  const contentSid = byLocale?.get(locale) ?? byLocale?.get(locale.split(/[-_]/)[0]) ?? byLocale?.get('*');
  if (!contentSid) {
    return {
      found: false,
      reason: `no approved WhatsApp template for campaign ${message.campaignId} in locale ${message.locale}: business-initiated WhatsApp messages outside the 24-hour session must use one (configure NOTIFIER_WHATSAPP_TEMPLATES)`,
    };
  }
  return { found: true, contentSid, contentVariables: templateVariables(message) };
}

/** The template's placeholders, by position: {{1}} the message text, {{2}} the discount code, {{3}} its percent. */
export function templateVariables(message: MessageRequested): Record<string, string> {
  const variables: Record<string, string> = { '1': message.content.text };
  if (message.discount) {
    variables['2'] = message.discount.code;
    variables['3'] = String(message.discount.percent);
  }
  return variables;
}
