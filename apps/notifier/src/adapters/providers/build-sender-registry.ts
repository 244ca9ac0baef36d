import type { SqlClient } from '@syncengage/db';
import type { NotifierConfig } from '../../config';
import { SenderRegistry } from '../../domain/sender-registry';
import { LocalOutboxSender } from './outbox/local-outbox-sender';
import { SendGridEmailSender } from './sendgrid/sendgrid-email-sender';
import { TwilioSmsSender } from './twilio/twilio-sms-sender';

/** Real vendors only when their credentials are configured: nothing leaves the machine by default. */
export function buildSenderRegistry(config: NotifierConfig, db: SqlClient): SenderRegistry {
  const email = config.sendgrid ? new SendGridEmailSender(config.sendgrid) : new LocalOutboxSender('email', db);
  const sms = config.enableSms && config.twilio ? new TwilioSmsSender(config.twilio) : new LocalOutboxSender('sms', db);
  return new SenderRegistry([email, sms]);
}
