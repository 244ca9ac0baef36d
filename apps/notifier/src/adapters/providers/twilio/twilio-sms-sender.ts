import type { MessageRequested } from '@syncengage/contracts';
import type { ChannelSender, SendReceipt } from '../../../domain/channel-sender';
import { TwilioMessages, type TwilioSettings } from './twilio-messages';

export type { TwilioSettings } from './twilio-messages';

export class TwilioSmsSender implements ChannelSender {
  readonly provider = 'twilio';
  readonly channel = 'sms' as const;
  private readonly messages: TwilioMessages;

  constructor(private readonly settings: TwilioSettings) {
    this.messages = new TwilioMessages(settings);
  }

  send(message: MessageRequested): Promise<SendReceipt> {
    return this.messages.create({ to: message.recipient.phone!, from: this.settings.fromPhone, body: message.content.text });
  }
}
