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
      'NOTIFIER_REPLAY_POLICY entries must be <email|sms>:<at-least-once|at-most-once>, got "email:twice"',
      'NOTIFIER_REPLAY_POLICY entries must be <email|sms>:<at-least-once|at-most-once>, got "fax:at-most-once"',
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
