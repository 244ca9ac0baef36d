import { EnvReader, readInfrastructure, type InfrastructureSettings } from '@syncengage/config';
import type { SendGridSettings } from './adapters/providers/sendgrid/sendgrid-email-sender';
import type { TwilioSettings } from './adapters/providers/twilio/twilio-sms-sender';

export interface NotifierConfig {
  infrastructure: InfrastructureSettings;
  httpPort: number;
  enableSms: boolean;
  /** Unset: email goes to the local outbox. */
  sendgrid?: SendGridSettings;
  /** Unset (or ENABLE_SMS=false): SMS goes to the local outbox. */
  twilio?: TwilioSettings;
}

export function loadNotifierConfig(env: NodeJS.ProcessEnv): NotifierConfig {
  const read = new EnvReader(env);
  const sendgridApiKey = read.optionalSecret('SENDGRID_API_KEY');
  const sendgridFrom = read.optionalString('SENDGRID_FROM_EMAIL');
  const twilioSid = read.optionalString('TWILIO_ACCOUNT_SID');
  const twilioToken = read.optionalSecret('TWILIO_AUTH_TOKEN');
  const twilioFrom = read.optionalString('TWILIO_FROM_PHONE');
  const config: NotifierConfig = {
    infrastructure: readInfrastructure(read, 'notifier'),
    httpPort: read.int('NOTIFIER_HTTP_PORT', { default: 3003, min: 0, max: 65535 }),
    enableSms: read.bool('ENABLE_SMS', { default: false }),
  };
  const sendgridBaseUrl = read.url('SENDGRID_BASE_URL', { protocols: ['http', 'https'] });
  const sandboxMode = read.bool('SENDGRID_SANDBOX_MODE', { default: false });
  if (sendgridApiKey) {
    if (!sendgridFrom) read.problem('SENDGRID_FROM_EMAIL is required when SENDGRID_API_KEY is set');
    config.sendgrid = { apiKey: sendgridApiKey, fromEmail: sendgridFrom ?? '', baseUrl: sendgridBaseUrl, sandboxMode };
  }
  const twilioBaseUrl = read.url('TWILIO_BASE_URL', { protocols: ['http', 'https'] });
  const anyTwilio = twilioSid || twilioToken || twilioFrom;
  if (anyTwilio) {
    if (!twilioSid || !/^AC[0-9a-fA-F]{32}$/.test(twilioSid)) read.problem(`TWILIO_ACCOUNT_SID must look like AC followed by 32 hex digits, got "${twilioSid ?? ''}"`);
    if (!twilioToken) read.problem('TWILIO_AUTH_TOKEN is required with TWILIO_ACCOUNT_SID');
    if (!twilioFrom || !/^\+[1-9]\d{6,14}$/.test(twilioFrom)) read.problem(`TWILIO_FROM_PHONE must be an E.164 number like +15017122661, got "${twilioFrom ?? ''}"`);
    config.twilio = { accountSid: twilioSid ?? '', authToken: twilioToken ?? '', fromPhone: twilioFrom ?? '', baseUrl: twilioBaseUrl };
  }
  read.throwIfInvalid('notifier');
  return Object.freeze(config);
}
