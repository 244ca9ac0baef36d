import { EnvReader, readInfrastructure, type InfrastructureSettings } from '@syncengage/config';
import { riskBands } from '@syncengage/contracts';
import type { ChannelPolicy } from './domain/channel-choice';
import type { SegmentRules } from './domain/segments';

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
    },
    outboxFlushIntervalMs: read.int('OUTBOX_FLUSH_INTERVAL_MS', { default: 1_000, min: 50 }),
  };
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: config.budgetTimeZone });
  } catch {
    read.problem(`BUDGET_TIME_ZONE must be an IANA time zone like Europe/Madrid, got "${config.budgetTimeZone}"`);
  }
  read.throwIfInvalid('orchestrator');
  return Object.freeze(config);
}
