import { DECISION_RECORDED_SCHEMA_VERSION, deriveEventId, Topics, type ChurnScored, type DecisionRecorded, type RiskBand } from '@syncengage/contracts';
import type { Decision } from '../domain/decide-campaign';
import { HOLDOUT } from '../domain/variant-assignment';
import type { JourneyInstance } from './journey-ports';

/**
 * The event that makes a decision visible outside the orchestrator, whatever it was. Its id is derived from the
 * score, so the copy a redelivery or a second instance might write is the same event.
 */
export function toDecisionRecorded(scored: ChurnScored, messageId: string, decision: Decision, decidedAt: Date): DecisionRecorded {
  return {
    ...recordOf(scored.eventId, scored.customerId, scored.band, messageId, decision, decidedAt),
    scoredEventId: scored.eventId,
    churnProbability: scored.score,
  };
}

/** A journey follow-up's decision: caused by the step (`causeId`), so a re-fired step writes the same event. */
export function toJourneyDecisionRecorded(instance: JourneyInstance, ordinal: number, causeId: string, messageId: string, decision: Decision, decidedAt: Date): DecisionRecorded {
  return {
    ...recordOf(causeId, instance.customerId, instance.customer.band, messageId, decision, decidedAt),
    journey: { instanceId: instance.instanceId, ordinal },
  };
}

function recordOf(causeId: string, customerId: string, riskBand: RiskBand, messageId: string, decision: Decision, decidedAt: Date): DecisionRecorded {
  const campaign = decision.action === 'skip' ? undefined : decision.campaign;
  const sent = decision.action === 'send' ? decision : undefined;
  return {
    eventId: deriveEventId(causeId, Topics.DecisionRecorded),
    causationId: causeId,
    eventType: 'decision-recorded',
    schemaVersion: DECISION_RECORDED_SCHEMA_VERSION,
    occurredAt: decidedAt.toISOString(),
    customerId,
    action: decision.action,
    campaignId: campaign?.id,
    campaignVersion: campaign?.version,
    variant: sent?.variant ?? (decision.action === 'holdout' ? HOLDOUT : undefined),
    segment: decision.segment,
    riskBand,
    messageId: sent ? messageId : undefined,
    discountPercent: sent ? sent.discount?.percent ?? 0 : undefined,
    channel: sent?.channel,
    reason: decision.reason,
    decidedAt: decidedAt.toISOString(),
  };
}
