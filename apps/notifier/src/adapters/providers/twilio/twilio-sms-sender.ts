import twilio from 'twilio';
import type { MessageRequested } from '@syncengage/contracts';
import { ProviderRejected, type ChannelSender, type SendReceipt } from '../../../domain/channel-sender';
import { OriginRewritingRequestClient } from './origin-rewriting-request-client';

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  fromPhone: string;
  /** Rewrites https://api.twilio.com for a local test server; unset in production. */
  baseUrl?: string;
}

export class TwilioSmsSender implements ChannelSender {
  readonly provider = 'twilio';
  readonly channel = 'sms' as const;
  private readonly client: ReturnType<typeof twilio>;

  constructor(private readonly settings: TwilioSettings) {
    this.client = twilio(settings.accountSid, settings.authToken, settings.baseUrl ? { httpClient: new OriginRewritingRequestClient(settings.baseUrl) } : {});
  }

  async send(message: MessageRequested): Promise<SendReceipt> {
    try {
      const sent = await this.client.messages.create({ to: message.recipient.phone!, from: this.settings.fromPhone, body: message.content.text });
      return { provider: this.provider, providerMessageId: sent.sid };
    } catch (error) {
      const failure = error as { status?: number; message?: string; code?: number };
      throw new ProviderRejected('twilio', failure.status ?? 0, `${failure.code ?? ''} ${failure.message ?? String(error)}`.trim());
    }
  }
}
