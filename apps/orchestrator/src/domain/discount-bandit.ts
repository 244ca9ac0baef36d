import type { RiskBand, Segment } from '@syncengage/contracts';
import { sampleBeta, type Random } from './beta-sample';

/**
 * The seed's DiscountOptimizer{MinDiscount, MaxDiscount, LearningRate}: Thompson sampling over discount levels,
 * one posterior per (segment, risk band).
 */
export interface DiscountOptimizer {
  /** Lowest discount offered, in percent. */
  minDiscount: number;
  /** Highest discount offered, in percent; no arm lies outside [minDiscount, maxDiscount]. */
  maxDiscount: number;
  /**
   * How fast old evidence is forgotten, 0 ≤ rate < 1: every result learned in a context first multiplies the
   * evidence of every arm there by (1 − learningRate), then adds the new result with weight 1. A context
   * therefore remembers about 1 / learningRate results (0 keeps everything: a stationary market), and a
   * market that moves is followed within a few multiples of that.
   */
  learningRate: number;
  /** Distance between neighbouring arms in percentage points; 5 unless set. Ignored when `levels` is set. */
  stepPercent?: number;
  /** The exact levels to offer, in percent; any outside [minDiscount, maxDiscount] is dropped, never offered. */
  levels?: readonly number[];
  /** Profit in cents that earns the full reward of 1; larger profits count as 1, losses as 0. 10_000 unless set. */
  rewardScaleCents?: number;
}

export const DEFAULT_DISCOUNT_STEP_PERCENT = 5;
export const DEFAULT_REWARD_SCALE_CENTS = 10_000;

/** Rewards learned at one level, net of forgetting: Beta(1 + successes, 1 + failures) is the posterior. */
export interface ArmEvidence {
  discountPercent: number;
  successes: number;
  failures: number;
}

/** What has been learned in one context. */
export interface DiscountPosterior {
  arms: ArmEvidence[];
}

export interface DiscountChoice {
  discountPercent: number;
  /** The winning draw: a plausible expected reward of the chosen level, kept to explain the decision. */
  sampledReward: number;
  reason: string;
}

/** Discounts learn separately per segment and risk band: what wins back a high-risk VIP need not suit a new customer. */
export function discountContextKey(segment: Segment, band: RiskBand): string {
  return `${segment}/${band}`;
}

/** The given `levels` inside the bounds, or else every `stepPercent` from min plus max itself when the steps do not land on it. */
export function discountLevels(optimizer: DiscountOptimizer): number[] {
  if (optimizer.levels && optimizer.levels.length > 0) {
    const inside = optimizer.levels.map(roundPercent).filter((level) => level >= optimizer.minDiscount && level <= optimizer.maxDiscount);
    if (inside.length > 0) return [...new Set(inside)].sort((a, b) => a - b);
  }
  const step = optimizer.stepPercent ?? DEFAULT_DISCOUNT_STEP_PERCENT;
  const levels: number[] = [];
  for (let index = 0; ; index += 1) {
    // Multiplying rather than adding keeps 2.5-point steps free of accumulated float error.
    const level = roundPercent(optimizer.minDiscount + index * step);
    if (level >= optimizer.maxDiscount) break;
    levels.push(level);
  }
  levels.push(optimizer.maxDiscount);
  return levels;
}

export function emptyPosterior(optimizer: DiscountOptimizer): DiscountPosterior {
  return { arms: discountLevels(optimizer).map((discountPercent) => ({ discountPercent, successes: 0, failures: 0 })) };
}

/**
 * The arms the optimizer offers now: evidence of levels still offered is kept, new levels start from the prior
 * and levels no longer offered are dropped — so a campaign whose bounds change never decides outside them.
 */
export function alignPosterior(posterior: DiscountPosterior, optimizer: DiscountOptimizer): DiscountPosterior {
  const known = new Map(posterior.arms.map((arm) => [arm.discountPercent, arm]));
  return {
    arms: discountLevels(optimizer).map((discountPercent) => known.get(discountPercent) ?? { discountPercent, successes: 0, failures: 0 }),
  };
}

/** Thompson sampling: one draw from each arm's posterior; the highest draw is offered. */
export function chooseDiscount(optimizer: DiscountOptimizer, posterior: DiscountPosterior, random: Random): DiscountChoice {
  const { arms } = alignPosterior(posterior, optimizer);
  let best = { arm: arms[0], draw: -1 };
  for (const arm of arms) {
    const draw = sampleBeta(1 + arm.successes, 1 + arm.failures, random);
    if (draw > best.draw) best = { arm, draw };
  }
  const { arm, draw } = best;
  const seen = arm.successes + arm.failures;
  return {
    discountPercent: arm.discountPercent,
    sampledReward: draw,
    reason: `discount ${arm.discountPercent}% by Thompson sampling: mean reward ${posteriorMean(arm).toFixed(3)} over ${seen.toFixed(1)} weighted results, drew ${draw.toFixed(3)}`,
  };
}

/**
 * A result's profit mapped onto [0, 1], the support of the Beta posterior: revenue it brought in minus what the
 * discount cost, over `rewardScaleCents`.
 */
export function profitReward(outcome: { revenueImpactCents: number; discountCostCents: number }, rewardScaleCents: number): number {
  const profit = outcome.revenueImpactCents - outcome.discountCostCents;
  return Math.min(1, Math.max(0, profit / rewardScaleCents));
}

/**
 * Forgets, then learns: a reward r in [0, 1] adds r to the level's successes and 1 − r to its failures (the
 * fractional form of the Bernoulli update, whose posterior mean is the mean reward). A level the optimizer does
 * not offer teaches nothing and leaves the posterior as it was.
 */
export function learnDiscountReward(optimizer: DiscountOptimizer, posterior: DiscountPosterior, discountPercent: number, reward: number): DiscountPosterior {
  const aligned = alignPosterior(posterior, optimizer);
  if (!aligned.arms.some((arm) => arm.discountPercent === discountPercent)) return aligned;
  const r = Math.min(1, Math.max(0, reward));
  const keep = 1 - optimizer.learningRate;
  return {
    arms: aligned.arms.map((arm) => {
      const learned = arm.discountPercent === discountPercent;
      return {
        discountPercent: arm.discountPercent,
        successes: arm.successes * keep + (learned ? r : 0),
        failures: arm.failures * keep + (learned ? 1 - r : 0),
      };
    }),
  };
}

/**
 * A later result of a message already learned (opened, then converted) raises its reward from `learnedReward` to
 * `reward`: the difference moves from the level's failures to its successes. No second forgetting step — the
 * message is one observation however many results it sends — and a lower reward changes nothing, so results
 * arriving late or twice cannot undo what was learned. Failures never go below 0 (forgetting may already have
 * shrunk what the first result added).
 */
export function reviseDiscountReward(posterior: DiscountPosterior, discountPercent: number, learnedReward: number, reward: number): DiscountPosterior {
  const increase = Math.min(1, reward) - Math.max(0, learnedReward);
  if (!(increase > 0)) return posterior;
  return {
    arms: posterior.arms.map((arm) =>
      arm.discountPercent === discountPercent
        ? { discountPercent: arm.discountPercent, successes: arm.successes + increase, failures: Math.max(0, arm.failures - increase) }
        : arm,
    ),
  };
}

/**
 * What a message earned: the revenue it brought minus what its discount cost. `revenueImpactCents` is the order's
 * value before the discount, so the discount cost is `discountPercent` of it — and nothing when nobody converted:
 * an unredeemed code costs nothing.
 */
export function discountOutcome(result: { converted: boolean; revenueImpactCents: number }, discountPercent: number): { revenueImpactCents: number; discountCostCents: number } {
  if (!result.converted) return { revenueImpactCents: 0, discountCostCents: 0 };
  return { revenueImpactCents: result.revenueImpactCents, discountCostCents: Math.round((result.revenueImpactCents * discountPercent) / 100) };
}

export function posteriorMean(arm: ArmEvidence): number {
  return (1 + arm.successes) / (2 + arm.successes + arm.failures);
}

function roundPercent(value: number): number {
  return Math.round(value * 1_000) / 1_000;
}
