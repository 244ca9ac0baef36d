import { Topics, type CampaignResult } from '@syncengage/contracts';
import type { EventPublisher } from '@syncengage/kafka';
import { applyFact, type EngagementFact } from '../domain/engagement';
import { engagementResult } from './engagement-result';
import type { EngagementStore } from './ports';

export type EngagementOutcome =
  | { state: 'recorded'; result?: CampaignResult }
  | { state: 'duplicate' }
  | { state: 'unknown-message' };

/**
 * Applies one engagement fact (a delivery, an open, a click, a bounce, a STOP, a purchase) to its message, once
 * per fact id, and publishes the message's cumulative campaign-result when the fact is news. A fact seen again
 * publishes nothing, unless its result never got out (the previous try crashed after saving it).
 */
export class RecordEngagement {
  constructor(private readonly store: EngagementStore, private readonly publisher: EventPublisher, private readonly now: () => Date) {}

  async execute(fact: EngagementFact, traceId: string): Promise<EngagementOutcome> {
    const applied = await this.store.apply(fact, (current) => {
      const change = applyFact(current, fact);
      return { engagement: change.engagement, result: change.report && engagementResult(change.engagement, change.report, fact.factId, this.now()) };
    });
    if (applied.state === 'unknown-message') return applied;
    if (applied.pending) {
      await this.publisher.publish(Topics.CampaignResult, applied.pending, traceId);
      await this.store.markPublished(fact.factId);
    }
    return applied.state === 'applied' ? { state: 'recorded', result: applied.pending } : { state: 'duplicate' };
  }
}
