import type { CampaignResult, CustomerUpdated } from '@syncengage/contracts';
import type { ExperimentStore } from './ports';

/** The A/B statistics' side of the feedback loop: message outcomes from campaign-result. */
export class RecordExperimentOutcome {
  constructor(private readonly experiments: ExperimentStore) {}

  async execute(result: CampaignResult): Promise<void> {
    await this.experiments.recordOutcome(result);
  }
}

/**
 * Purchases of customers in an experiment, from customer-updated. The holdout is sent nothing, so no
 * campaign-result will ever say it converted: its conversions, and everyone's lifetime value after the decision,
 * can only be seen in the purchases themselves — measured the same way for every arm.
 */
export class RecordExperimentPurchase {
  constructor(private readonly experiments: ExperimentStore) {}

  async execute(update: CustomerUpdated): Promise<boolean> {
    if ((update.change !== 'purchase_made' && update.change !== 'purchase_refunded') || !update.purchase) return false;
    return this.experiments.recordPurchase(update.customerId, update.change, update.purchase);
  }
}
