import type { RiskBand, Segment } from '@syncengage/contracts';
import type { Random } from './beta-sample';
import type { Campaign, CampaignVariant } from './campaigns';
import { alignPosterior, chooseDiscount, discountLevels, emptyPosterior, type DiscountOptimizer, type DiscountPosterior } from './discount-bandit';

/**
 * The seed's DiscountOptimizer as a campaign file writes it, on the campaign (every variant) or on one variant
 * (which then learns on its own). `learningRate` is the bandit's forgetting: see `DiscountOptimizer`.
 */
export interface DiscountOptimizerDefinition {
  minPercent: number;
  maxPercent: number;
  learningRate: number;
  /** Exact levels to try; unset: every `stepPercent` (5) from min to max. */
  levels?: number[];
  stepPercent?: number;
  /** Profit in cents that earns the full reward of 1 (10_000 unless set). */
  rewardScaleCents?: number;
}

/** Where a decision finds what the bandit has learned so far, and the randomness Thompson sampling draws with. */
export interface DiscountLearning {
  posterior(key: string): DiscountPosterior | undefined;
  random: Random;
}

/** A discount the bandit chose, kept with the decision: its result teaches this arm, and the posterior explains the choice. */
export interface BanditPull {
  key: string;
  campaignId: string;
  /** The variant whose own optimizer chose, or `*` for the campaign-wide one. */
  scope: string;
  segment: Segment;
  band: RiskBand;
  discountPercent: number;
  optimizer: DiscountOptimizer;
  /** The posterior the choice was drawn from. */
  posterior: DiscountPosterior;
  sampledReward: number;
}

export interface DiscountPick {
  percent: number;
  pull?: BanditPull;
  /** Set when an optimizer decided; part of the decision's reason. */
  reason?: string;
}

export const CAMPAIGN_WIDE_SCOPE = '*';

/**
 * One bandit per campaign (not version: a promoted version keeps what was learned), scope, segment and risk
 * band; the discount level is the arm within it.
 */
export function banditKey(campaignId: string, scope: string, segment: Segment, band: RiskBand): string {
  return `${campaignId}|${scope}|${segment}|${band}`;
}

export function toOptimizer(definition: DiscountOptimizerDefinition): DiscountOptimizer {
  return {
    minDiscount: definition.minPercent,
    maxDiscount: definition.maxPercent,
    learningRate: definition.learningRate,
    levels: definition.levels,
    stepPercent: definition.stepPercent,
    rewardScaleCents: definition.rewardScaleCents,
  };
}

/**
 * The variant's fixed discount, or the bandit's choice when the campaign or variant has an optimizer. Without
 * learned state at hand (a caller that passes none), the fixed discount is pulled inside the bounds, so an
 * optimizer's bounds hold whatever happens.
 */
export function pickDiscount(campaign: Campaign, variant: CampaignVariant, segment: Segment, band: RiskBand, learning?: DiscountLearning): DiscountPick {
  const definition = variant.discountOptimizer ?? campaign.discountOptimizer;
  if (!definition) return { percent: variant.discountPercent };
  const optimizer = toOptimizer(definition);
  if (!learning) {
    const levels = discountLevels(optimizer);
    const nearest = levels.reduce((best, level) => (Math.abs(level - variant.discountPercent) < Math.abs(best - variant.discountPercent) ? level : best));
    return { percent: nearest, reason: `discount ${nearest}%: the optimizer's level nearest the variant's ${variant.discountPercent}% (nothing learned at hand)` };
  }
  const scope = variant.discountOptimizer ? variant.name : CAMPAIGN_WIDE_SCOPE;
  const key = banditKey(campaign.id, scope, segment, band);
  const posterior = learning.posterior(key) ?? emptyPosterior(optimizer);
  const choice = chooseDiscount(optimizer, posterior, learning.random);
  return {
    percent: choice.discountPercent,
    reason: `${choice.reason} in ${key} (levels ${discountLevels(optimizer).join('/')}%)`,
    pull: { key, campaignId: campaign.id, scope, segment, band, discountPercent: choice.discountPercent, optimizer, posterior: alignPosterior(posterior, optimizer), sampledReward: choice.sampledReward },
  };
}
