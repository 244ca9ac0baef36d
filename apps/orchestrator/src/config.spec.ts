import { ConfigError } from '@syncengage/config';
import { loadOrchestratorConfig } from './config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadOrchestratorConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe(loadOrchestratorConfig.name, () => {
  it('has working defaults for the embedded quick start', () => {
    const config = loadOrchestratorConfig({});
    expect(config).toMatchObject({
      httpPort: 3002,
      dailyBudgetCents: 50_000,
      budgetTimeZone: 'UTC',
      abTestingEnabled: true,
      holdoutPercent: 10,
      cooldownHours: 336,
      segmentRules: { vipMinSpendCents: 100_000, dormantMinRecencyDays: 180, newMaxTenureDays: 30 },
      channelPolicy: { smsEnabled: false, smsMinBand: 'high', smsMinSpendCents: 50_000 },
    });
    expect(config.guardRails).toEqual({
      frequencyCaps: [
        { channel: 'email', maxSends: 2, windowMs: 7 * 86_400_000, label: 'email:2/7d' },
        { channel: 'email', maxSends: 4, windowMs: 30 * 86_400_000, label: 'email:4/30d' },
        { channel: 'sms', maxSends: 1, windowMs: 7 * 86_400_000, label: 'sms:1/7d' },
      ],
      conversionCooldownMs: 30 * 86_400_000,
      quietHours: { startMinute: 21 * 60, endMinute: 8 * 60 },
      quietHoursFallbackTimeZone: undefined,
    });
    expect(config.campaignsDir).toMatch(/apps\/orchestrator\/campaigns$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('switches caps and quiet hours off with "off"', () => {
    expect(loadOrchestratorConfig({ FREQUENCY_CAPS: 'off', QUIET_HOURS: 'off' }).guardRails).toMatchObject({ frequencyCaps: [], quietHours: undefined });
  });

  it('reads a business time zone and an SMS risk band', () => {
    const config = loadOrchestratorConfig({ BUDGET_TIME_ZONE: 'Asia/Tokyo', SMS_MIN_RISK_BAND: 'medium', ENABLE_SMS: 'true', AB_HOLDOUT_PERCENT: '2.5' });
    expect(config).toMatchObject({ budgetTimeZone: 'Asia/Tokyo', holdoutPercent: 2.5, channelPolicy: { smsEnabled: true, smsMinBand: 'medium' } });
  });

  it.each([
    ['BUDGET_TIME_ZONE', 'Mars/Olympus_Mons', 'BUDGET_TIME_ZONE must be an IANA time zone like Europe/Madrid, got "Mars/Olympus_Mons"'],
    ['SMS_MIN_RISK_BAND', 'critical', 'SMS_MIN_RISK_BAND must be one of low, medium, high, got "critical"'],
    ['AB_HOLDOUT_PERCENT', '95', 'AB_HOLDOUT_PERCENT must be a number between 0 and 90, got "95"'],
    ['DAILY_DISCOUNT_BUDGET_CENTS', '99.5', 'DAILY_DISCOUNT_BUDGET_CENTS must be an integer >= 0, got "99.5"'],
    ['SEGMENT_DORMANT_MIN_RECENCY_DAYS', '0', 'SEGMENT_DORMANT_MIN_RECENCY_DAYS must be an integer >= 1, got "0"'],
    ['OUTBOX_FLUSH_INTERVAL_MS', '10', 'OUTBOX_FLUSH_INTERVAL_MS must be an integer >= 50, got "10"'],
    ['QUIET_HOURS', '9pm-8am', 'QUIET_HOURS must be HH:MM-HH:MM like 21:00-08:00 (or off), got "9pm-8am"'],
    ['QUIET_HOURS_DEFAULT_TIME_ZONE', 'Moon/Tranquility', 'QUIET_HOURS_DEFAULT_TIME_ZONE must be an IANA time zone like Europe/Madrid, got "Moon/Tranquility"'],
    ['FREQUENCY_CAPS', 'email:2/week', 'FREQUENCY_CAPS: "email:2/week" is not channel:max/window like email:2/7d (channels email, sms, whatsapp, push, in_app, window in h or d)'],
    ['CONVERSION_COOLDOWN_DAYS', '-1', 'CONVERSION_COOLDOWN_DAYS must be a number >= 0, got "-1"'],
  ])('refuses %s=%s and says what it expected', (name, value, problem) => {
    expect(problemsOf({ [name]: value })).toEqual([problem]);
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({ BUDGET_TIME_ZONE: 'Europe/Atlantis', SMS_MIN_RISK_BAND: 'urgent', CONSUMER_MAX_ATTEMPTS: '0' });
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^BUDGET_TIME_ZONE must be an IANA time zone/),
        expect.stringMatching(/^SMS_MIN_RISK_BAND must be one of/),
        'CONSUMER_MAX_ATTEMPTS must be an integer between 1 and 100, got "0"',
      ]),
    );
  });
});
