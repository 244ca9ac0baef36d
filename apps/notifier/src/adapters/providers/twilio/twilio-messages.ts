import twilio from 'twilio';
import type { MessageListInstanceCreateOptions } from 'twilio/lib/rest/api/v2010/account/message';
import type { SendReceipt } from '../../../domain/channel-sender';
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

/** Twilio's Messages resource, which SMS and WhatsApp share: the SDK's answer as a receipt, its failure as a rejection. */
export class TwilioMessages {
  private readonly client: ReturnType<typeof twilio>;

  constructor(settings: TwilioSettings) {
    this.client = twilio(settings.accountSid, settings.authToken, {
      httpClient: new TwilioRequestClient({ origin: settings.baseUrl, timeoutMs: settings.timeoutMs }),
    });
  }

  async create(params: MessageListInstanceCreateOptions): Promise<SendReceipt> {
    try {
      const sent = await this.client.messages.create(params);
      return { provider: 'twilio', providerMessageId: sent.sid };
    } catch (error) {
      throw toTwilioRejection(error);
    }
  }
}
