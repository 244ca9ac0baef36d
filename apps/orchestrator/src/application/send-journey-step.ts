import { deriveEventId, Topics } from '@syncengage/contracts';
import { budgetDayOf } from '../domain/budget';
import type { Campaign } from '../domain/campaigns';
import type { ChannelPolicy } from '../domain/channel-choice';
import type { GuardRailPolicy } from '../domain/guard-rails';
import type { JourneySend } from '../domain/journey';
import { decideJourneyStep } from '../domain/journey-step-decision';
import type { BudgetPolicy } from './decide-for-score';
import { toJourneyDecisionRecorded } from './decision-recorded';
import type { DecideInJourney, JourneyInstance } from './journey-ports';
import { messageRequestedOf } from './message-requested-of';
import type { RecordedDecision } from './ports';

/** What caused follow-up `ordinal` of a journey: the ledger's idempotency key for it. */
export const journeyStepCauseId = (instanceId: string, ordinal: number): string => deriveEventId(instanceId, `journey-send:${ordinal}`);

/** Follow-up `ordinal`'s message id: the same on every retry, so a crash or a second instance cannot double it. */
export const journeyStepMessageId = (instanceId: string, ordinal: number): string => deriveEventId(journeyStepCauseId(instanceId, ordinal), Topics.MessageRequested);

export interface JourneySendPolicy {
  channelPolicy: ChannelPolicy;
  guardRails?: GuardRailPolicy;
  /** How far back sends are read for the frequency caps. */
  historyWindowMs: number;
}

/** A journey's follow-up is a decision like any other: history, guard rails, budget and outbox, recorded once. */
export class SendJourneyStep {
  constructor(private readonly policy: JourneySendPolicy, private readonly budget: BudgetPolicy) {}

  execute(decide: DecideInJourney, instance: JourneyInstance, campaign: Campaign, send: JourneySend, now: Date): Promise<RecordedDecision> {
    const causeId = journeyStepCauseId(instance.instanceId, send.ordinal);
    return decide(
      {
        scoredEventId: causeId,
        messageId: send.messageId,
        customerId: instance.customerId,
        decidedAt: now,
        budgetDay: budgetDayOf(now, this.budget.timeZone),
        budgetCapCents: this.budget.dailyCapCents,
        traceId: `journey-${instance.instanceId}`,
        historyWindowMs: this.policy.historyWindowMs,
      },
      (history) =>
        decideJourneyStep(
          { send, campaign, segment: instance.segment, variant: instance.variant, customer: instance.customer, instanceId: instance.instanceId, now, history },
          this.policy.channelPolicy,
          this.policy.guardRails,
        ),
      (decision) => messageRequestedOf({ causationId: causeId, customerId: instance.customerId, profile: instance.customer.profile }, send.messageId, decision, now),
      (decision) => toJourneyDecisionRecorded(instance, send.ordinal, causeId, send.messageId, decision, now),
    );
  }
}
