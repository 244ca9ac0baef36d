import type { CampaignResult } from '@syncengage/contracts';
import type { CustomerSignals } from './ports';
import type { SettleBudget } from './settle-budget';

/** What else learns from a result (the discount bandit, the A/B statistics); each must be idempotent per message. */
export interface CampaignResultLearner {
  execute(result: CampaignResult): Promise<unknown>;
}

/**
 * campaign-result closes the loop: the budget is settled, a conversion starts the customer's cool-down, and a
 * suppression (bounce, unsubscribe, STOP) stops the channel for every later decision. Each step is idempotent,
 * so a redelivered result changes nothing.
 */
export class RecordCampaignResult {
  constructor(
    private readonly settleBudget: SettleBudget,
    private readonly signals: CustomerSignals,
    private readonly learners: readonly CampaignResultLearner[] = [],
  ) {}

  async execute(result: CampaignResult): Promise<void> {
    const at = new Date(result.occurredAt);
    if (result.suppression) await this.signals.applySuppression(result.customerId, result.suppression, at);
    if (result.converted) await this.signals.recordConversion(result.customerId, at);
    await this.settleBudget.execute(result);
    for (const learner of this.learners) await learner.execute(result);
  }
}
