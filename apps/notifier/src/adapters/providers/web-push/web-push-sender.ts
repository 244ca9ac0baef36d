import { Agent } from 'node:https';
import webpush, { WebPushError } from 'web-push';
import type { MessageRequested } from '@syncengage/contracts';
import type { PushSubscriptions } from '../../../application/ports';
import { isNetworkFailureInDoubt, ProviderRejected, type ChannelSender, type SendReceipt } from '../../../domain/channel-sender';
import { pushPayloadOf, pushTopicOf, type PushSubscriptionKeys } from '../../../domain/push-subscription';
import { SendRefused } from '../../../domain/send-refused';

export interface WebPushSettings {
  /** VAPID key pair (`npx web-push generate-vapid-keys`), base64url; the public key is the browser's applicationServerKey. */
  vapidPublicKey: string;
  vapidPrivateKey: string;
  /** `mailto:` or `https:` contact the push service can reach us at (the JWT's `sub`). */
  vapidSubject: string;
  /** How long a push service keeps a message for an offline browser. */
  ttlSeconds: number;
  timeoutMs?: number;
  /** Extra certificate authority to trust: a local push service in tests. Unset in production. */
  tlsCa?: string;
}

type Outcome = { kind: 'delivered'; location?: string } | { kind: 'gone' } | { kind: 'failed'; rejection: ProviderRejected };

/**
 * Sends to every browser the customer subscribed, encrypted (aes128gcm) and signed (VAPID) by `web-push`.
 * A subscription answered 404/410 is gone for good and is deleted. Sent when at least one browser took it;
 * when none did, a retryable failure (429, 5xx, network) is retried, and no subscription at all is permanent,
 * so the campaign's fallback channel applies.
 */
export class WebPushSender implements ChannelSender {
  readonly provider = 'web-push';
  readonly channel = 'push' as const;
  private readonly agent?: Agent;

  constructor(private readonly subscriptions: PushSubscriptions, private readonly settings: WebPushSettings) {
    this.agent = settings.tlsCa ? new Agent({ ca: settings.tlsCa, keepAlive: true }) : undefined;
  }

  async send(message: MessageRequested): Promise<SendReceipt> {
    const targets = await this.subscriptions.forCustomer(message.customerId);
    if (targets.length === 0) throw new SendRefused(this.provider, `customer ${message.customerId} has no push subscription`);
    const payload = JSON.stringify(pushPayloadOf(message));
    const outcomes = await Promise.all(targets.map((target) => this.sendTo(target, payload, message.eventId)));

    const delivered = outcomes.filter((outcome) => outcome.kind === 'delivered');
    if (delivered.length > 0) return { provider: this.provider, providerMessageId: delivered[0].location };
    const failures = outcomes.flatMap((outcome) => (outcome.kind === 'failed' ? [outcome.rejection] : []));
    if (failures.length === 0) {
      throw new SendRefused(this.provider, `every push subscription of customer ${message.customerId} is gone (404/410) and was removed`);
    }
    throw failures.find((failure) => failure.retryable) ?? failures[0];
  }

  private async sendTo(target: PushSubscriptionKeys, payload: string, messageId: string): Promise<Outcome> {
    try {
      const result = await webpush.sendNotification(target, payload, {
        vapidDetails: { subject: this.settings.vapidSubject, publicKey: this.settings.vapidPublicKey, privateKey: this.settings.vapidPrivateKey },
        TTL: this.settings.ttlSeconds,
        topic: pushTopicOf(messageId),
        contentEncoding: 'aes128gcm',
        ...(this.settings.timeoutMs ? { timeout: this.settings.timeoutMs } : {}),
        ...(this.agent ? { agent: this.agent } : {}),
      });
      return { kind: 'delivered', location: header(result.headers, 'location') };
    } catch (error) {
      if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
        await this.subscriptions.remove(target.endpoint);
        return { kind: 'gone' };
      }
      return { kind: 'failed', rejection: toRejection(error) };
    }
  }
}

function toRejection(error: unknown): ProviderRejected {
  if (error instanceof WebPushError) {
    const retryAfter = header(error.headers, 'retry-after');
    return new ProviderRejected('web-push', error.statusCode, `${error.body || error.message}`.slice(0, 300), {
      retryAfterMs: retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : undefined,
    });
  }
  const detail = error instanceof Error ? `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`.trim() : String(error);
  return new ProviderRejected('web-push', 0, detail, { inDoubt: isNetworkFailureInDoubt(detail) });
}

function header(headers: Record<string, string | string[] | undefined> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}
