import { createPublicKey } from 'node:crypto';
import { EnvReader, readInfrastructure, type InfrastructureSettings } from '@syncengage/config';
import type { SendGridSettings } from './adapters/providers/sendgrid/sendgrid-email-sender';
import type { TwilioSettings } from './adapters/providers/twilio/twilio-sms-sender';
import type { TwilioWhatsAppSettings } from './adapters/providers/twilio/twilio-whatsapp-sender';
import type { WebPushSettings } from './adapters/providers/web-push/web-push-sender';
import { parseWhatsAppTemplates } from './domain/whatsapp-templates';
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
  /** An SMS needing more segments is refused before it is sent. */
  smsMaxSegments: number;
  /** Unset (no TWILIO_WHATSAPP_FROM): WhatsApp goes to the local outbox. */
  whatsapp?: TwilioWhatsAppSettings;
  /** Unset (no VAPID keys): push goes to the local outbox. */
  webPush?: WebPushSettings;
  /** The feedback loop: signed webhooks, click tracking and purchase attribution. */
  engagement: EngagementSettings;
}

export interface EngagementSettings {
  /**
   * How providers and customers reach this notifier from outside (behind a proxy the Host differs): the URL
   * Twilio signs is this plus the path, and tracked links start with it. Unset: Twilio's URL is rebuilt from the
   * request, and links are not tracked.
   */
  publicUrl?: string;
  /** SendGrid's verification key (base64 DER, as the Mail Settings page shows it). Unset: no SendGrid event webhook. */
  sendgridWebhookPublicKey?: string;
  /** HMAC key of tracked links. Unset: links are sent as written. */
  linkSecret?: string;
  /** A purchase this long after an open or click converts the message. */
  attributionWindowHours: number;
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
    smsMaxSegments: read.int('NOTIFIER_SMS_MAX_SEGMENTS', { default: 4, min: 1, max: 10 }),
    engagement: readEngagement(read),
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
  const whatsapp = readWhatsApp(read, config.twilio, twilioBaseUrl);
  if (whatsapp) config.whatsapp = whatsapp;
  const webPush = readWebPush(read);
  if (webPush) config.webPush = webPush;
  read.throwIfInvalid('notifier');
  return Object.freeze(config);
}

/** Twilio's account and base URL, with a WhatsApp-enabled sender and the campaigns' approved templates. */
function readWhatsApp(read: EnvReader, twilio: TwilioSettings | undefined, baseUrl: string | undefined): TwilioWhatsAppSettings | undefined {
  const from = read.optionalString('TWILIO_WHATSAPP_FROM')?.replace(/^whatsapp:/, '');
  const { templates, problems } = parseWhatsAppTemplates(read.list('NOTIFIER_WHATSAPP_TEMPLATES', { default: [] }));
  problems.forEach((problem) => read.problem(problem));
  if (!from) return undefined;
  if (!/^\+[1-9]\d{6,14}$/.test(from)) read.problem(`TWILIO_WHATSAPP_FROM must be an E.164 number like +14155238886 (optionally prefixed whatsapp:), got "${from}"`);
  if (!twilio) read.problem('TWILIO_WHATSAPP_FROM needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_PHONE');
  return { accountSid: twilio?.accountSid ?? '', authToken: twilio?.authToken ?? '', fromPhone: from, templates, baseUrl };
}

/** VAPID keys as `npx web-push generate-vapid-keys` prints them: base64url P-256 public (65 bytes) and private (32 bytes). */
function readWebPush(read: EnvReader): WebPushSettings | undefined {
  const publicKey = read.optionalString('WEB_PUSH_VAPID_PUBLIC_KEY');
  const privateKey = read.optionalSecret('WEB_PUSH_VAPID_PRIVATE_KEY');
  const subject = read.optionalString('WEB_PUSH_VAPID_SUBJECT');
  const ttlSeconds = read.int('WEB_PUSH_TTL_SECONDS', { default: 86_400, min: 0, max: 2_419_200 });
  if (!publicKey && !privateKey && !subject) return undefined;
  const bytes = (key: string | undefined) => (key && /^[A-Za-z0-9_-]+$/.test(key) ? Buffer.from(key, 'base64url').length : 0);
  if (bytes(publicKey) !== 65) read.problem('WEB_PUSH_VAPID_PUBLIC_KEY must be a base64url P-256 public key (65 bytes), as `npx web-push generate-vapid-keys` prints');
  if (bytes(privateKey) !== 32) read.problem('WEB_PUSH_VAPID_PRIVATE_KEY must be a base64url P-256 private key (32 bytes), as `npx web-push generate-vapid-keys` prints');
  if (!subject || !/^(mailto:\S+@\S+|https:\/\/\S+)$/.test(subject)) read.problem(`WEB_PUSH_VAPID_SUBJECT must be a mailto: or https: contact, got "${subject ?? ''}"`);
  return { vapidPublicKey: publicKey ?? '', vapidPrivateKey: privateKey ?? '', vapidSubject: subject ?? '', ttlSeconds };
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

function readEngagement(read: EnvReader): EngagementSettings {
  const publicUrl = read.url('NOTIFIER_PUBLIC_URL', { protocols: ['http', 'https'] })?.replace(/\/+$/, '');
  const sendgridWebhookPublicKey = read.optionalSecret('SENDGRID_WEBHOOK_PUBLIC_KEY');
  const linkSecret = read.optionalSecret('NOTIFIER_LINK_SECRET');
  if (sendgridWebhookPublicKey && !isEcPublicKey(sendgridWebhookPublicKey)) {
    read.problem('SENDGRID_WEBHOOK_PUBLIC_KEY must be the base64 (DER) or PEM elliptic-curve public key from SendGrid\'s signed event webhook settings');
  }
  if (linkSecret !== undefined && linkSecret.length < 32) read.problem(`NOTIFIER_LINK_SECRET must be at least 32 characters, got ${linkSecret.length}`);
  if (linkSecret && !publicUrl) read.problem('NOTIFIER_PUBLIC_URL is required with NOTIFIER_LINK_SECRET: tracked links start with it');
  return {
    publicUrl,
    sendgridWebhookPublicKey,
    linkSecret,
    attributionWindowHours: read.int('NOTIFIER_ATTRIBUTION_WINDOW_HOURS', { default: 72, min: 1, max: 24 * 90 }),
  };
}

function isEcPublicKey(key: string): boolean {
  try {
    const parsed = key.includes('BEGIN PUBLIC KEY') ? createPublicKey(key) : createPublicKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'spki' });
    return parsed.asymmetricKeyType === 'ec';
  } catch {
    return false;
  }
}
