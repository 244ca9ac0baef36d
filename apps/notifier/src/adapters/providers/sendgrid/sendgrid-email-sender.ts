import type { MessageRequested } from '@syncengage/contracts';
import { isNetworkFailureInDoubt, parseRetryAfter, ProviderRejected, type ChannelSender, type SendReceipt } from '../../../domain/channel-sender';
import { createSendGridMailService, type SendGridMailService } from './sendgrid-mail-service';

export interface SendGridSettings {
  apiKey: string;
  fromEmail: string;
  /** https://api.sendgrid.com by default; the EU region or a local test server otherwise. */
  baseUrl?: string;
  sandboxMode: boolean;
  /** Per request; a timeout leaves the outcome in doubt. None when unset. */
  timeoutMs?: number;
}

export class SendGridEmailSender implements ChannelSender {
  readonly provider = 'sendgrid';
  readonly channel = 'email' as const;

  constructor(private readonly settings: SendGridSettings, private readonly mail: SendGridMailService = createSendGridMailService(settings.apiKey, settings.baseUrl, settings.timeoutMs)) {}

  async send(message: MessageRequested): Promise<SendReceipt> {
    try {
      const [response] = await this.mail.send({
        // Our ids ride along so SendGrid's event webhook can be matched back to this message. They sit on the
        // personalization: SendGrid's OpenAPI types a message-level `custom_args` as a string, not an object.
        personalizations: [
          { to: message.recipient.email!, customArgs: { message_id: message.eventId, campaign_id: message.campaignId, variant: message.variant } },
        ],
        from: this.settings.fromEmail,
        subject: message.content.subject ?? '',
        text: message.content.text,
        ...(message.content.html ? { html: message.content.html } : {}),
        categories: [message.campaignId],
        mailSettings: { sandboxMode: { enable: this.settings.sandboxMode } },
      });
      const headers = response.headers as Record<string, string | undefined>;
      return { provider: this.provider, providerMessageId: headers['x-message-id'] };
    } catch (error) {
      throw toRejection(error);
    }
  }
}

function toRejection(error: unknown): ProviderRejected {
  const failure = error as { code?: number | string; response?: { body?: unknown; headers?: Record<string, string | undefined> }; message?: string };
  const status = typeof failure.code === 'number' ? failure.code : 0;
  const detail = failure.response?.body ? JSON.stringify(failure.response.body).slice(0, 300) : failure.message ?? String(error);
  return new ProviderRejected('sendgrid', status, detail, {
    retryAfterMs: parseRetryAfter(failure.response?.headers?.['retry-after'], new Date()),
    inDoubt: status === 0 && isNetworkFailureInDoubt(detail),
  });
}
