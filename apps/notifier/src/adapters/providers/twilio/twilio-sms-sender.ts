import twilio from 'twilio';
import type { MessageRequested } from '@syncengage/contracts';
import type { ChannelSender, SendReceipt } from '../../../domain/channel-sender';
import { toTwilioRejection } from './twilio-rejection';
import { TwilioRequestClient } from './twilio-request-client';

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  fromPhone: string;
  /** Rewrites https://api.twilio.com for a local test server; unset in production. */
  baseUrl?: string;
  /** Per request; a timeout leaves the outcome in doubt. The SDK's default (30 s) when unset. */
  timeoutMs?: number;
}

export class TwilioSmsSender implements ChannelSender {
  readonly provider = 'twilio';
  readonly channel = 'sms' as const;
  private readonly client: ReturnType<typeof twilio>;

  constructor(private readonly settings: TwilioSettings) {
    this.client = twilio(settings.accountSid, settings.authToken, {
      httpClient: new TwilioRequestClient({ origin: settings.baseUrl, timeoutMs: settings.timeoutMs }),
    });
  }

  async send(message: MessageRequested): Promise<SendReceipt> {
    try {
      const sent = await this.client.messages.create({ to: message.recipient.phone!, from: this.settings.fromPhone, body: message.content.text });
      return { provider: this.provider, providerMessageId: sent.sid };
    } catch (error) {
      throw toTwilioRejection(error);
    }
  }
}
