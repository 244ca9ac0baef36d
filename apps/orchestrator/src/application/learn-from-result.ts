import type { CampaignResult } from '@syncengage/contracts';
import { DEFAULT_REWARD_SCALE_CENTS, discountOutcome, learnDiscountReward, profitReward, reviseDiscountReward } from '../domain/discount-bandit';
import type { BanditStore } from './ports';

/**
 * campaign-result teaches the discount bandit that chose the message's discount: reward = profit (revenue impact
 * minus discount cost) over the optimizer's reward scale. A message is one observation: its first result is
 * learned with forgetting, a later one with a higher reward (it converted) only raises it, and a redelivered or
 * older result changes nothing.
 */
export class LearnFromResult {
  constructor(private readonly bandits: BanditStore) {}

  async execute(result: CampaignResult): Promise<'learned' | 'unchanged' | 'no-pull'> {
    // A message that never reached the customer says nothing about the discount it carried.
    if (result.status !== 'sent') return 'unchanged';
    return this.bandits.learnFromMessage(result.messageId, (pull, posterior) => {
      const reward = profitReward(discountOutcome(result, pull.discountPercent), pull.optimizer.rewardScaleCents ?? DEFAULT_REWARD_SCALE_CENTS);
      if (pull.learnedReward === null) return { posterior: learnDiscountReward(pull.optimizer, posterior, pull.discountPercent, reward), reward };
      if (reward <= pull.learnedReward) return undefined;
      return { posterior: reviseDiscountReward(posterior, pull.discountPercent, pull.learnedReward, reward), reward };
    });
  }
}
