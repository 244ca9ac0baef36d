import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageTemplate } from './campaigns';

export interface RenderedMessage {
  subject: string;
  text: string;
}

/** Formats with the locale's own number rules (15 % in French, 15% in English). */
export function renderMessage(template: MessageTemplate, locale: string, values: { name: string; percent: number; code: string }): RenderedMessage {
  const text = new IntlMessageFormat(template.text, locale).format(values) as string;
  const subject = new IntlMessageFormat(template.subject, locale).format(values) as string;
  return { subject, text };
}
