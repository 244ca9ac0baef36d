import { CHURN_SCORED_SCHEMA_VERSION, type ChurnScored, type CustomerProfile } from '@syncengage/contracts';
import { FEATURE_NAMES } from '../domain/features';
import { riskBand, type RiskBandThresholds } from '../domain/risk-band';
import { rfmSummaryOf } from '../domain/rfm-summary';
import type { StateScoring } from './score-state';

export interface ScoredCustomer {
  eventId: string;
  causationId?: string;
  customerId: string;
  profile: CustomerProfile;
  scoring: StateScoring;
  scoredAt: Date;
  trigger: string;
}

export function toChurnScored(scored: ScoredCustomer, thresholds: RiskBandThresholds): ChurnScored {
  return {
    eventId: scored.eventId,
    ...(scored.causationId ? { causationId: scored.causationId } : {}),
    eventType: 'churn-scored',
    schemaVersion: CHURN_SCORED_SCHEMA_VERSION,
    occurredAt: scored.scoredAt.toISOString(),
    customerId: scored.customerId,
    score: scored.scoring.score,
    band: riskBand(scored.scoring.score, thresholds),
    modelVersion: scored.scoring.modelVersion,
    horizonDays: scored.scoring.horizonDays,
    rfm: rfmSummaryOf(scored.scoring.features, FEATURE_NAMES),
    profile: scored.profile,
    trigger: scored.trigger,
  };
}
