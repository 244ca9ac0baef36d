import { EnvReader, readInfrastructure, type InfrastructureSettings } from '@syncengage/config';
import type { SendGridSettings } from './adapters/providers/sendgrid/sendgrid-email-sender';
import type { TwilioSettings } from './adapters/providers/twilio/twilio-sms-sender';
import { channels, type Channel } from '@syncengage/contracts';
import { DEFAULT_REPLAY_POLICIES, replayPolicies, type ReplayPolicy } from './domain/replay-policy';
import type { RetrySchedule } from './domain/retry-schedule';

export interface NotifierConfig {
  infrastructure: InfrastructureSettings;
  httpPort: number;
  enableSms: boolean;
  /** Unset: email goes to the local outbox. */
  sendgrid?: SendGridSettings;
  /** Unset (or ENABLE_SMS=false): SMS goes to the local outbox. */
  twilio?: TwilioSettings;
  retry: RetrySchedule;
  /** Each provider request; past it the outcome is in doubt. */
  sendTimeoutMs: number;
  /** Per channel: resend or not when a send's outcome is unknown. */
  replay: Readonly<Record<Channel, ReplayPolicy>>;
  /** Sends per second per provider and instance; 0 = unlimited. */
  rateLimits: { sendgrid: number; twilio: number };
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
    retry: {
      maxAttempts: read.int('NOTIFIER_SEND_MAX_ATTEMPTS', { default: 4, min: 1, max: 20 }),
      initialDelayMs: read.int('NOTIFIER_RETRY_INITIAL_DELAY_MS', { default: 200, min: 1, max: 60_000 }),
      maxDelayMs: read.int('NOTIFIER_RETRY_MAX_DELAY_MS', { default: 3_000, min: 1, max: 300_000 }),
    },
    sendTimeoutMs: read.int('NOTIFIER_SEND_TIMEOUT_MS', { default: 10_000, min: 100, max: 120_000 }),
    replay: readReplayPolicies(read, read.list('NOTIFIER_REPLAY_POLICY', { default: [] })),
    rateLimits: {
      sendgrid: read.number('SENDGRID_RATE_PER_SECOND', { default: 100, min: 0, max: 100_000 }),
      twilio: read.number('TWILIO_RATE_PER_SECOND', { default: 10, min: 0, max: 100_000 }),
    },
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

/** `sms:at-most-once,email:at-least-once`; channels left out keep their default. */
function readReplayPolicies(read: EnvReader, entries: string[]): Readonly<Record<Channel, ReplayPolicy>> {
  const policies: Record<Channel, ReplayPolicy> = { ...DEFAULT_REPLAY_POLICIES };
  for (const entry of entries) {
    const [channel, policy] = entry.split(':').map((part) => part.trim());
    if (!(channels as readonly string[]).includes(channel) || !(replayPolicies as readonly string[]).includes(policy)) {
      read.problem(`NOTIFIER_REPLAY_POLICY entries must be <${channels.join('|')}>:<${replayPolicies.join('|')}>, got "${entry}"`);
      continue;
    }
    policies[channel as Channel] = policy as ReplayPolicy;
  }
  return policies;
}
