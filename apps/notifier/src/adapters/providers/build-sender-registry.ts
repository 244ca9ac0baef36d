import type { SqlClient } from '@syncengage/db';
import type { Sleep } from '../../application/ports';
import type { NotifierConfig } from '../../config';
import type { ChannelSender } from '../../domain/channel-sender';
import { SenderRegistry } from '../../domain/sender-registry';
import { TokenBucket } from '../../domain/token-bucket';
import { LocalOutboxSender } from './outbox/local-outbox-sender';
import { RateLimitedSender } from './rate-limited-sender';
import { SendGridEmailSender } from './sendgrid/sendgrid-email-sender';
import { TwilioSmsSender } from './twilio/twilio-sms-sender';

const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Real vendors only when their credentials are configured: nothing leaves the machine by default. */
export function buildSenderRegistry(config: NotifierConfig, db: SqlClient): SenderRegistry {
  const email = config.sendgrid
    ? paced(new SendGridEmailSender({ ...config.sendgrid, timeoutMs: config.sendTimeoutMs }), config.rateLimits.sendgrid)
    : new LocalOutboxSender('email', db);
  const sms =
    config.enableSms && config.twilio
      ? paced(new TwilioSmsSender({ ...config.twilio, timeoutMs: config.sendTimeoutMs }), config.rateLimits.twilio)
      : new LocalOutboxSender('sms', db);
  return new SenderRegistry([email, sms]);
}

/** Evenly spaced, no burst allowance: any one-second window then holds at most `ratePerSecond` sends. */
function paced(sender: ChannelSender, ratePerSecond: number): ChannelSender {
  if (ratePerSecond <= 0) return sender;
  return new RateLimitedSender(sender, new TokenBucket(ratePerSecond, 1, () => Date.now()), sleep);
}
