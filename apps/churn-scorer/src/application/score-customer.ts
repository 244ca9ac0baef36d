import { deriveEventId, Topics, type ChurnScored, type CustomerUpdated } from '@syncengage/contracts';
import type { EventPublisher } from '@syncengage/kafka';
import { recordTransaction } from '../domain/customer-activity';
import { dayOf } from '../domain/calendar-day';
import type { RiskBandThresholds } from '../domain/risk-band';
import type { CustomerState, CustomerStateStore, ModelProvider } from './ports';
import { scoreState } from './score-state';
import { toChurnScored } from './to-churn-scored';

export type ScoringOutcome = { scored: true; event: ChurnScored } | { scored: false; reason: 'no-orders-yet' };

/**
 * Folds a customer change into the stored activity (once, however often Kafka delivers it), scores the
 * customer as of today and publishes `churn-scored`. The published id derives from the input's id, so a
 * redelivery republishes the same event and downstream de-duplication drops it.
 */
export class ScoreCustomer {
  constructor(
    private readonly store: CustomerStateStore,
    private readonly models: ModelProvider,
    private readonly publisher: EventPublisher,
    private readonly thresholds: RiskBandThresholds,
    private readonly now: () => Date,
  ) {}

  async execute(update: CustomerUpdated, traceId: string): Promise<ScoringOutcome> {
    const state = await this.store.applyOnce(update.customerId, update.eventId, (current) => applyUpdate(current, update));
    const scoredAt = this.now();
    const scoring = scoreState(state, this.models.current(), scoredAt);
    if (!scoring) return { scored: false, reason: 'no-orders-yet' };
    const event = toChurnScored(
      { eventId: deriveEventId(update.eventId, Topics.ChurnScored), causationId: update.eventId, customerId: update.customerId, profile: state.profile, scoring, scoredAt, trigger: update.change },
      this.thresholds,
    );
    await this.store.recordScore(update.customerId, { score: scoring.score, band: event.band, modelVersion: scoring.modelVersion, scoredAt });
    await this.publisher.publish(Topics.ChurnScored, event, traceId);
    return { scored: true, event };
  }
}

function applyUpdate(state: CustomerState, update: CustomerUpdated): CustomerState {
  const profile = { ...state.profile, ...update.profile };
  if (!update.purchase) return { ...state, profile };
  const sign = update.change === 'purchase_refunded' ? -1 : 1;
  const activity = recordTransaction(state.activity, {
    day: dayOf(update.purchase.orderedAt),
    amount: (sign * update.purchase.amountCents) / 100,
  });
  return { ...state, profile, activity };
}
