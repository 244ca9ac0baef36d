import { deriveEventId, newEventId, Topics } from '@syncengage/contracts';
import type { EventPublisher } from '@syncengage/kafka';
import { dayOf } from '../domain/calendar-day';
import type { RiskBandThresholds } from '../domain/risk-band';
import type { CustomerStateStore, ModelProvider } from './ports';
import { scoreState } from './score-state';
import { toChurnScored } from './to-churn-scored';

const DAY_MS = 86_400_000;

/**
 * Customers slipping away send no events: silence is the signal. This sweep rescores everyone not scored for
 * `staleAfterDays`, so a customer's risk rises while they are quiet and the orchestrator can act on it.
 * One event id per customer per day: overlapping sweeps publish duplicates that downstream drops.
 */
export class RescoreQuietCustomers {
  constructor(
    private readonly store: CustomerStateStore,
    private readonly models: ModelProvider,
    private readonly publisher: EventPublisher,
    private readonly thresholds: RiskBandThresholds,
    private readonly staleAfterDays: number,
    private readonly now: () => Date,
    private readonly batchSize = 200,
  ) {}

  async execute(): Promise<number> {
    let rescored = 0;
    for (;;) {
      const scoredAt = this.now();
      const batch = await this.store.claimStale(new Date(scoredAt.getTime() - this.staleAfterDays * DAY_MS), scoredAt, this.batchSize);
      for (const state of batch) {
        const scoring = scoreState(state, this.models.current(), scoredAt);
        if (!scoring) continue;
        const eventId = deriveEventId(`${state.customerId}:${dayOf(scoredAt.toISOString())}`, 'rescore');
        const event = toChurnScored({ eventId, customerId: state.customerId, profile: state.profile, scoring, scoredAt, trigger: 'rescore' }, this.thresholds);
        await this.store.recordScore(state.customerId, { score: scoring.score, band: event.band, modelVersion: scoring.modelVersion, scoredAt });
        await this.publisher.publish(Topics.ChurnScored, event, newEventId());
        rescored += 1;
      }
      if (batch.length < this.batchSize) return rescored;
    }
  }
}
