import type { SqlClient } from '@syncengage/db';
import type { InboxFeed, Sleep } from '../../application/ports';
import type { NotifierConfig } from '../../config';
import type { ChannelSender } from '../../domain/channel-sender';
import { SenderRegistry } from '../../domain/sender-registry';
import { TokenBucket } from '../../domain/token-bucket';
import { PostgresInbox } from '../postgres/postgres-inbox';
import { PostgresPushSubscriptions } from '../postgres/postgres-push-subscriptions';
import { PostgresSmsMeasures } from '../postgres/postgres-sms-measures';
import { InAppSender } from './in-app/in-app-sender';
import { InboxLiveFeed } from './in-app/inbox-live-feed';
import { LocalOutboxSender } from './outbox/local-outbox-sender';
import { RateLimitedSender } from './rate-limited-sender';
import { SendGridEmailSender } from './sendgrid/sendgrid-email-sender';
import { SmsSegmentGuard } from './sms-segment-guard';
import { TwilioSmsSender } from './twilio/twilio-sms-sender';
import { TwilioWhatsAppSender } from './twilio/twilio-whatsapp-sender';
import { WebPushSender } from './web-push/web-push-sender';

const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Real vendors only when their credentials are configured: nothing leaves the machine by default. The in-app
 * inbox is ours, so it is always the real one. `inboxFeed` is the one the inbox's SSE streams listen to.
 */
export function buildSenderRegistry(config: NotifierConfig, db: SqlClient, inboxFeed: InboxFeed = new InboxLiveFeed()): SenderRegistry {
  // SMS and WhatsApp share the Twilio account's limit, so they share its bucket.
  const twilioBucket = bucket(config.rateLimits.twilio);
  const email = config.sendgrid
    ? paced(new SendGridEmailSender({ ...config.sendgrid, timeoutMs: config.sendTimeoutMs }), bucket(config.rateLimits.sendgrid))
    : new LocalOutboxSender('email', db);
  const sms =
    config.enableSms && config.twilio
      ? paced(new TwilioSmsSender({ ...config.twilio, timeoutMs: config.sendTimeoutMs }), twilioBucket)
      : new LocalOutboxSender('sms', db);
  const whatsapp = config.whatsapp
    ? paced(new TwilioWhatsAppSender({ ...config.whatsapp, timeoutMs: config.sendTimeoutMs }), twilioBucket)
    : new LocalOutboxSender('whatsapp', db);
  const push = config.webPush
    ? new WebPushSender(new PostgresPushSubscriptions(db), { ...config.webPush, timeoutMs: config.sendTimeoutMs })
    : new LocalOutboxSender('push', db);
  const inApp = new InAppSender(new PostgresInbox(db), inboxFeed);
  return new SenderRegistry([email, new SmsSegmentGuard(sms, new PostgresSmsMeasures(db), config.smsMaxSegments), whatsapp, push, inApp]);
}

/** Evenly spaced, no burst allowance: any one-second window then holds at most `ratePerSecond` sends. */
function bucket(ratePerSecond: number): TokenBucket | undefined {
  return ratePerSecond > 0 ? new TokenBucket(ratePerSecond, 1, () => Date.now()) : undefined;
}

function paced(sender: ChannelSender, tokens: TokenBucket | undefined): ChannelSender {
  return tokens ? new RateLimitedSender(sender, tokens, sleep) : sender;
}
