import { ConfigError } from '@syncengage/config';
import { loadNotifierConfig } from './config';

const sid = `AC${'0123456789abcdef'.repeat(2)}`;

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadNotifierConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe(loadNotifierConfig.name, () => {
  it('sends through the local outbox when no provider is configured', () => {
    const config = loadNotifierConfig({});
    expect(config).toMatchObject({ httpPort: 3003, enableSms: false });
    expect(config.sendgrid).toBeUndefined();
    expect(config.twilio).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads SendGrid and Twilio settings when they are complete', () => {
    const config = loadNotifierConfig({
      SENDGRID_API_KEY: 'SG.key',
      SENDGRID_FROM_EMAIL: 'hello@shop.example',
      SENDGRID_SANDBOX_MODE: 'true',
      SENDGRID_BASE_URL: 'http://localhost:3030',
      ENABLE_SMS: 'true',
      TWILIO_ACCOUNT_SID: sid,
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_FROM_PHONE: '+15017122661',
    });
    expect(config.sendgrid).toEqual({ apiKey: 'SG.key', fromEmail: 'hello@shop.example', baseUrl: 'http://localhost:3030', sandboxMode: true });
    expect(config.twilio).toEqual({ accountSid: sid, authToken: 'token', fromPhone: '+15017122661', baseUrl: undefined });
    expect(config.enableSms).toBe(true);
  });

  it('reads the delivery guarantees, with defaults that resend email but not SMS after a crash', () => {
    expect(loadNotifierConfig({})).toMatchObject({
      retry: { maxAttempts: 4, initialDelayMs: 200, maxDelayMs: 3_000 },
      sendTimeoutMs: 10_000,
      replay: { email: 'at-least-once', sms: 'at-most-once' },
      rateLimits: { sendgrid: 100, twilio: 10 },
    });
    expect(
      loadNotifierConfig({
        NOTIFIER_SEND_MAX_ATTEMPTS: '2',
        NOTIFIER_RETRY_INITIAL_DELAY_MS: '50',
        NOTIFIER_RETRY_MAX_DELAY_MS: '1000',
        NOTIFIER_SEND_TIMEOUT_MS: '2500',
        NOTIFIER_REPLAY_POLICY: 'email:at-most-once, sms:at-least-once',
        SENDGRID_RATE_PER_SECOND: '0',
        TWILIO_RATE_PER_SECOND: '0.5',
      }),
    ).toMatchObject({
      retry: { maxAttempts: 2, initialDelayMs: 50, maxDelayMs: 1_000 },
      sendTimeoutMs: 2_500,
      replay: { email: 'at-most-once', sms: 'at-least-once' },
      rateLimits: { sendgrid: 0, twilio: 0.5 },
    });
  });

  it('names a replay policy entry it cannot read', () => {
    expect(problemsOf({ NOTIFIER_REPLAY_POLICY: 'email:twice,fax:at-most-once' })).toEqual([
      'NOTIFIER_REPLAY_POLICY entries must be <email|sms|whatsapp|push|in_app>:<at-least-once|at-most-once>, got "email:twice"',
      'NOTIFIER_REPLAY_POLICY entries must be <email|sms|whatsapp|push|in_app>:<at-least-once|at-most-once>, got "fax:at-most-once"',
    ]);
  });

  it('refuses a SendGrid key without a sender address', () => {
    expect(problemsOf({ SENDGRID_API_KEY: 'SG.key' })).toEqual(['SENDGRID_FROM_EMAIL is required when SENDGRID_API_KEY is set']);
  });

  it.each([
    ['too short', 'AC123'],
    ['without the AC prefix', `XX${'0'.repeat(32)}`],
    ['with a non-hex digit', `AC${'0'.repeat(31)}z`],
  ])('refuses a Twilio account SID %s', (_, value) => {
    expect(problemsOf({ TWILIO_ACCOUNT_SID: value, TWILIO_AUTH_TOKEN: 'token', TWILIO_FROM_PHONE: '+15017122661' })).toEqual([
      `TWILIO_ACCOUNT_SID must look like AC followed by 32 hex digits, got "${value}"`,
    ]);
  });

  it('names every missing Twilio setting once any of them is set', () => {
    expect(problemsOf({ TWILIO_AUTH_TOKEN: 'token', TWILIO_FROM_PHONE: '5017122661' })).toEqual([
      'TWILIO_ACCOUNT_SID must look like AC followed by 32 hex digits, got ""',
      'TWILIO_FROM_PHONE must be an E.164 number like +15017122661, got "5017122661"',
    ]);
  });

  it('names every bad variable at once, across providers and shared settings', () => {
    const problems = problemsOf({ SENDGRID_API_KEY: 'SG.key', SENDGRID_BASE_URL: 'ftp://mail', TWILIO_ACCOUNT_SID: sid, NOTIFIER_HTTP_PORT: '-1' });
    expect(problems).toEqual(
      expect.arrayContaining([
        'SENDGRID_FROM_EMAIL is required when SENDGRID_API_KEY is set',
        'SENDGRID_BASE_URL must be a http or https URL, got "ftp://mail"',
        'TWILIO_AUTH_TOKEN is required with TWILIO_ACCOUNT_SID',
        'TWILIO_FROM_PHONE must be an E.164 number like +15017122661, got ""',
        'NOTIFIER_HTTP_PORT must be an integer between 0 and 65535, got "-1"',
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('never puts a secret in the error message', () => {
    try {
      loadNotifierConfig({ SENDGRID_API_KEY: 'SG.very-secret', TWILIO_AUTH_TOKEN: 'twilio-very-secret' });
      throw new Error('expected the config to be rejected');
    } catch (error) {
      expect((error as Error).message).toContain('notifier config is invalid');
      expect((error as Error).message).not.toMatch(/very-secret/);
    }
  });
});

describe('notifier engagement config', () => {
  // SendGrid's own example verification key (from @sendgrid/eventwebhook's tests).
  const sendgridKey = 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==';

  it('tracks nothing and verifies no SendGrid webhook by default, with a 72-hour attribution window', () => {
    expect(loadNotifierConfig({}).engagement).toEqual({ attributionWindowHours: 72 });
  });

  it('reads the public URL, the SendGrid key, the link secret and the window', () => {
    const config = loadNotifierConfig({
      NOTIFIER_PUBLIC_URL: 'https://notify.shop.example/',
      SENDGRID_WEBHOOK_PUBLIC_KEY: sendgridKey,
      NOTIFIER_LINK_SECRET: 'x'.repeat(32),
      NOTIFIER_ATTRIBUTION_WINDOW_HOURS: '24',
    });
    expect(config.engagement).toEqual({
      publicUrl: 'https://notify.shop.example',
      sendgridWebhookPublicKey: sendgridKey,
      linkSecret: 'x'.repeat(32),
      attributionWindowHours: 24,
    });
  });

  it('names each bad engagement setting', () => {
    const problems = problemsOf({ SENDGRID_WEBHOOK_PUBLIC_KEY: 'not-a-key', NOTIFIER_LINK_SECRET: 'short', NOTIFIER_ATTRIBUTION_WINDOW_HOURS: '0' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('SENDGRID_WEBHOOK_PUBLIC_KEY must be the base64 (DER) or PEM elliptic-curve public key'),
        'NOTIFIER_LINK_SECRET must be at least 32 characters, got 5',
        'NOTIFIER_PUBLIC_URL is required with NOTIFIER_LINK_SECRET: tracked links start with it',
        expect.stringContaining('NOTIFIER_ATTRIBUTION_WINDOW_HOURS'),
      ]),
    );
  });
});

describe(`${loadNotifierConfig.name}: WhatsApp, web push and SMS segments`, () => {
  const twilioEnv = { TWILIO_ACCOUNT_SID: `AC${'0123456789abcdef'.repeat(2)}`, TWILIO_AUTH_TOKEN: 'token', TWILIO_FROM_PHONE: '+15017122661' };
  const hx = `HX${'0123456789abcdef'.repeat(2)}`;
  const vapid = { WEB_PUSH_VAPID_PUBLIC_KEY: Buffer.alloc(65, 4).toString('base64url'), WEB_PUSH_VAPID_PRIVATE_KEY: Buffer.alloc(32, 1).toString('base64url') };

  it('sends WhatsApp and push to the local outbox, and caps SMS at 4 segments, by default', () => {
    const config = loadNotifierConfig({});
    expect(config).toMatchObject({ smsMaxSegments: 4 });
    expect(config.whatsapp).toBeUndefined();
    expect(config.webPush).toBeUndefined();
  });

  it('reads the WhatsApp sender and its templates on top of the Twilio account', () => {
    const config = loadNotifierConfig({ ...twilioEnv, TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886', NOTIFIER_WHATSAPP_TEMPLATES: `win-back-10:en=${hx}`, NOTIFIER_SMS_MAX_SEGMENTS: '2' });
    expect(config.smsMaxSegments).toBe(2);
    expect(config.whatsapp).toMatchObject({ accountSid: twilioEnv.TWILIO_ACCOUNT_SID, authToken: 'token', fromPhone: '+14155238886' });
    expect(config.whatsapp?.templates.get('win-back-10')?.get('en')).toBe(hx);
  });

  it('reads the VAPID keys and subject', () => {
    expect(loadNotifierConfig({ ...vapid, WEB_PUSH_VAPID_SUBJECT: 'mailto:ops@shop.example' }).webPush).toEqual({
      vapidPublicKey: vapid.WEB_PUSH_VAPID_PUBLIC_KEY,
      vapidPrivateKey: vapid.WEB_PUSH_VAPID_PRIVATE_KEY,
      vapidSubject: 'mailto:ops@shop.example',
      ttlSeconds: 86_400,
    });
  });

  it('names each bad WhatsApp, push or segment setting', () => {
    expect(
      problemsOf({
        TWILIO_WHATSAPP_FROM: '4155238886',
        NOTIFIER_WHATSAPP_TEMPLATES: 'win-back-10=HX1',
        WEB_PUSH_VAPID_PUBLIC_KEY: 'short',
        WEB_PUSH_VAPID_SUBJECT: 'http://shop.example',
        NOTIFIER_SMS_MAX_SEGMENTS: '0',
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining('NOTIFIER_SMS_MAX_SEGMENTS'),
        'NOTIFIER_WHATSAPP_TEMPLATES entries must be <campaignId>:<locale|*>=<ContentSid HX + 32 hex digits>, got "win-back-10=HX1"',
        'TWILIO_WHATSAPP_FROM must be an E.164 number like +14155238886 (optionally prefixed whatsapp:), got "4155238886"',
        'TWILIO_WHATSAPP_FROM needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_PHONE',
        'WEB_PUSH_VAPID_PUBLIC_KEY must be a base64url P-256 public key (65 bytes), as `npx web-push generate-vapid-keys` prints',
        'WEB_PUSH_VAPID_PRIVATE_KEY must be a base64url P-256 private key (32 bytes), as `npx web-push generate-vapid-keys` prints',
        'WEB_PUSH_VAPID_SUBJECT must be a mailto: or https: contact, got "http://shop.example"',
      ]),
    );
  });
});
