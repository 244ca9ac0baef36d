import type { CampaignResult } from '@syncengage/contracts';
import type { DecisionLedger } from './ports';

/** campaign-result closes the loop on the budget: a sent discount is spent, a failed one goes back. */
export class SettleBudget {
  constructor(private readonly ledger: DecisionLedger) {}

  async execute(result: CampaignResult): Promise<boolean> {
    return this.ledger.settle(result.messageId, result.status === 'sent' ? 'spent' : 'released');
  }
}
