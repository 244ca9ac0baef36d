import type { MessageRequested } from '@syncengage/contracts';
import type { ChannelSender, SendReceipt } from '../../../domain/channel-sender';
import { SendRefused } from '../../../domain/send-refused';
import { chooseWhatsAppTemplate, type WhatsAppTemplates } from '../../../domain/whatsapp-templates';
import { TwilioMessages, type TwilioSettings } from './twilio-messages';

/** `fromPhone` is the WhatsApp sender registered with Twilio, E.164 (sent as `whatsapp:+…`). */
export interface TwilioWhatsAppSettings extends TwilioSettings {
  templates: WhatsAppTemplates;
}

/** WhatsApp through Twilio's Messages API: the same resource as SMS, `whatsapp:` addresses, an approved template. */
export class TwilioWhatsAppSender implements ChannelSender {
  readonly provider = 'twilio';
  readonly channel = 'whatsapp' as const;
  private readonly messages: TwilioMessages;

  constructor(private readonly settings: TwilioWhatsAppSettings) {
    this.messages = new TwilioMessages(settings);
  }

  async send(message: MessageRequested): Promise<SendReceipt> {
    const template = chooseWhatsAppTemplate(this.settings.templates, message);
    if (!template.found) throw new SendRefused(this.provider, template.reason);
    return this.messages.create({
      to: whatsappAddress(message.recipient.phone!),
      from: whatsappAddress(this.settings.fromPhone),
      contentSid: template.contentSid,
      contentVariables: JSON.stringify(template.contentVariables),
    });
  }
}

const whatsappAddress = (phone: string): string => (phone.startsWith('whatsapp:') ? phone : `whatsapp:${phone}`);
