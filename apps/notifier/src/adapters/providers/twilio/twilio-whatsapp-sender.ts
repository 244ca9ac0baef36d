import twilio from 'twilio';
import type { MessageRequested } from '@syncengage/contracts';
import type { ChannelSender, SendReceipt } from '../../../domain/channel-sender';
import { SendRefused } from '../../../domain/send-refused';
import { chooseWhatsAppTemplate, type WhatsAppTemplates } from '../../../domain/whatsapp-templates';
import { toTwilioRejection } from './twilio-rejection';
import { TwilioRequestClient } from './twilio-request-client';

export interface TwilioWhatsAppSettings {
  accountSid: string;
  authToken: string;
  /** The WhatsApp sender registered with Twilio, E.164 (sent as `whatsapp:+…`). */
  fromPhone: string;
  templates: WhatsAppTemplates;
  /** Rewrites https://api.twilio.com for a local test server; unset in production. */
  baseUrl?: string;
  timeoutMs?: number;
}

/** WhatsApp through Twilio's Messages API: the same resource as SMS, `whatsapp:` addresses, an approved template. */
export class TwilioWhatsAppSender implements ChannelSender {
  readonly provider = 'twilio';
  readonly channel = 'whatsapp' as const;
  private readonly client: ReturnType<typeof twilio>;

  constructor(private readonly settings: TwilioWhatsAppSettings) {
    this.client = twilio(settings.accountSid, settings.authToken, {
      httpClient: new TwilioRequestClient({ origin: settings.baseUrl, timeoutMs: settings.timeoutMs }),
    });
  }

  async send(message: MessageRequested): Promise<SendReceipt> {
    const template = chooseWhatsAppTemplate(this.settings.templates, message);
    if (!template.found) throw new SendRefused(this.provider, template.reason);
    try {
      const sent = await this.client.messages.create({
        to: whatsappAddress(message.recipient.phone!),
        from: whatsappAddress(this.settings.fromPhone),
        contentSid: template.contentSid,
        contentVariables: JSON.stringify(template.contentVariables),
      });
      return { provider: this.provider, providerMessageId: sent.sid };
    } catch (error) {
      throw toTwilioRejection(error);
    }
  }
}

const whatsappAddress = (phone: string): string => (phone.startsWith('whatsapp:') ? phone : `whatsapp:${phone}`);
