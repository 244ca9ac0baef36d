import type { Random } from '@syncengage/orchestrator/dist/domain/beta-sample';
import {
  chooseDiscount,
  discountLevels,
  emptyPosterior,
  learnDiscountReward,
  profitReward,
  type DiscountOptimizer,
  type DiscountPosterior,
} from '@syncengage/orchestrator/dist/domain/discount-bandit';
import type { MarketContext } from './market';

/** A way of picking a discount per message; `learn` hears what the message earned. */
export interface DiscountPolicy {
  readonly name: string;
  choose(context: number, random: Random): number;
  learn(context: number, discountPercent: number, outcome: { revenueImpactCents: number; discountCostCents: number }): void;
}

/** The orchestrator's bandit, one posterior per context, exactly as the domain module runs it. */
export function thompsonPolicy(name: string, optimizer: DiscountOptimizer, contexts: number): DiscountPolicy {
  const posteriors: DiscountPosterior[] = Array.from({ length: contexts }, () => emptyPosterior(optimizer));
  return {
    name,
    choose: (context, random) => chooseDiscount(optimizer, posteriors[context], random).discountPercent,
    learn: (context, discountPercent, outcome) => {
      const reward = profitReward(outcome, optimizer.rewardScaleCents!);
      posteriors[context] = learnDiscountReward(optimizer, posteriors[context], discountPercent, reward);
    },
  };
}

/** What the orchestrator does without an optimizer: the campaign's own discount, every time. */
export function fixedPolicy(market: readonly MarketContext[]): DiscountPolicy {
  return { name: 'fixed (campaign default)', choose: (context) => market[context].campaignDiscountPercent, learn: () => undefined };
}

/** A/B/n test that never stops: every level gets an equal share. */
export function uniformPolicy(optimizer: DiscountOptimizer): DiscountPolicy {
  const levels = discountLevels(optimizer);
  return { name: 'uniform A/B over levels', choose: (_context, random) => levels[Math.floor(random() * levels.length)], learn: () => undefined };
}
