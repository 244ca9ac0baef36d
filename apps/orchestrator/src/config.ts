import { EnvReader, readInfrastructure, type InfrastructureSettings } from '@syncengage/config';
import { channels, riskBands } from '@syncengage/contracts';
import { DEFAULT_CAMPAIGNS_DIR } from './adapters/files/campaign-files';
import type { ChannelPolicy } from './domain/channel-choice';
import { parseFrequencyCaps, parseQuietHours, type GuardRailPolicy } from './domain/guard-rails';
import type { SegmentRules } from './domain/segments';

/** Faults a crash test can ask for; never set in production. */
export const orchestratorFaults = ['exit-after-commit'] as const;
export type OrchestratorFault = (typeof orchestratorFaults)[number];

export interface OrchestratorConfig {
  infrastructure: InfrastructureSettings;
  httpPort: number;
  dailyBudgetCents: number;
  budgetTimeZone: string;
  abTestingEnabled: boolean;
  holdoutPercent: number;
  cooldownHours: number;
  segmentRules: SegmentRules;
  channelPolicy: ChannelPolicy;
  /** How often committed-but-unpublished decisions are retried. */
  outboxFlushIntervalMs: number;
  /** Folder of campaign files (YAML or JSON) seeded into the catalog at start-up. */
  campaignsDir: string;
  guardRails: GuardRailPolicy;
  /** How often due journey timers are looked for (each instance; they share the work). */
  journeyPollIntervalMs: number;
  /** TEST ONLY: `exit-after-commit` kills the process after a decision commits, before its message is published. */
  fault?: OrchestratorFault;
  /** How often campaigns with `autoPromote` are checked for a winner. */
  experimentEvaluationIntervalMs: number;
}

export function loadOrchestratorConfig(env: NodeJS.ProcessEnv): OrchestratorConfig {
  const read = new EnvReader(env);
  const config: OrchestratorConfig = {
    infrastructure: readInfrastructure(read, 'orchestrator'),
    httpPort: read.int('ORCHESTRATOR_HTTP_PORT', { default: 3002, min: 0, max: 65535 }),
    dailyBudgetCents: read.int('DAILY_DISCOUNT_BUDGET_CENTS', { default: 50_000, min: 0 }),
    budgetTimeZone: read.string('BUDGET_TIME_ZONE', { default: 'UTC' }),
    abTestingEnabled: read.bool('ENABLE_AB_TESTING', { default: true }),
    holdoutPercent: read.number('AB_HOLDOUT_PERCENT', { default: 10, min: 0, max: 90 }),
    cooldownHours: read.number('CONTACT_COOLDOWN_HOURS', { default: 336, min: 0 }),
    segmentRules: {
      vipMinSpendCents: read.int('SEGMENT_VIP_MIN_SPEND_CENTS', { default: 100_000, min: 0 }),
      dormantMinRecencyDays: read.int('SEGMENT_DORMANT_MIN_RECENCY_DAYS', { default: 180, min: 1 }),
      newMaxTenureDays: read.int('SEGMENT_NEW_MAX_TENURE_DAYS', { default: 30, min: 0 }),
    },
    channelPolicy: {
      smsEnabled: read.bool('ENABLE_SMS', { default: false }),
      smsMinBand: read.oneOf('SMS_MIN_RISK_BAND', riskBands, { default: 'high' }),
      smsMinSpendCents: read.int('SMS_MIN_SPEND_CENTS', { default: 50_000, min: 0 }),
      pushEnabled: read.bool('ENABLE_PUSH', { default: false }),
      inAppEnabled: read.bool('ENABLE_IN_APP', { default: false }),
    },
    outboxFlushIntervalMs: read.int('OUTBOX_FLUSH_INTERVAL_MS', { default: 1_000, min: 50 }),
    campaignsDir: read.string('CAMPAIGNS_DIR', { default: DEFAULT_CAMPAIGNS_DIR }),
    guardRails: readGuardRails(read),
    journeyPollIntervalMs: read.int('JOURNEY_POLL_INTERVAL_MS', { default: 1_000, min: 20 }),
    fault: read.oneOf('ORCHESTRATOR_FAULT', orchestratorFaults, {}),
    experimentEvaluationIntervalMs: read.int('EXPERIMENT_EVALUATION_INTERVAL_MS', { default: 3_600_000, min: 100 }),
  };
  checkTimeZone(read, 'BUDGET_TIME_ZONE', config.budgetTimeZone);
  if (config.guardRails.quietHoursFallbackTimeZone) checkTimeZone(read, 'QUIET_HOURS_DEFAULT_TIME_ZONE', config.guardRails.quietHoursFallbackTimeZone);
  read.throwIfInvalid('orchestrator');
  return Object.freeze(config);
}

function readGuardRails(read: EnvReader): GuardRailPolicy {
  const capsText = read.string('FREQUENCY_CAPS', { default: 'email:2/7d,email:4/30d,sms:1/7d' });
  const { caps, problems } = parseFrequencyCaps(capsText === 'off' ? '' : capsText, channels);
  problems.forEach((problem) => read.problem(`FREQUENCY_CAPS: ${problem}`));
  const quietText = read.string('QUIET_HOURS', { default: '21:00-08:00' });
  const quiet = quietText === 'off' ? {} : parseQuietHours(quietText);
  if (quiet.problem) read.problem(`QUIET_HOURS must be ${quiet.problem.replace(/^"[^"]*" is not /, '')}, got "${quietText}"`);
  return {
    frequencyCaps: caps,
    conversionCooldownMs: read.number('CONVERSION_COOLDOWN_DAYS', { default: 30, min: 0 }) * 86_400_000,
    quietHours: quiet.quietHours,
    quietHoursFallbackTimeZone: read.optionalString('QUIET_HOURS_DEFAULT_TIME_ZONE'),
  };
}

function checkTimeZone(read: EnvReader, name: string, timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
  } catch {
    read.problem(`${name} must be an IANA time zone like Europe/Madrid, got "${timeZone}"`);
  }
}
