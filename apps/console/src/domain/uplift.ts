import { wilsonInterval, type Interval, type Proportion } from './wilson-interval';

/** One arm of a campaign version (a variant, or the holdout): its customers and what they bought within the window. */
export interface ArmCounts {
  arm: string;
  customers: number;
  purchasers: number;
  revenueCents: number;
}

export interface ArmOutcome {
  arm: string;
  customers: number;
  /** Customers with a purchase within the attribution window after their decision. */
  purchasers: number;
  /** purchasers / customers, with its 95 % Wilson interval. */
  purchaseRate: Interval;
  revenuePerCustomerCents: number;
}

export interface DifferenceInterval {
  difference: number;
  low: number;
  high: number;
}

/** What an arm did beyond the holdout: purchase rate (with its 95 % interval) and revenue per customer. */
export interface UpliftVsHoldout {
  purchaseRate: DifferenceInterval;
  revenuePerCustomerCents: number;
}

export function armOutcome(counts: ArmCounts): ArmOutcome {
  return {
    arm: counts.arm,
    customers: counts.customers,
    purchasers: counts.purchasers,
    purchaseRate: wilsonInterval({ successes: counts.purchasers, trials: counts.customers }),
    revenuePerCustomerCents: counts.customers === 0 ? 0 : counts.revenueCents / counts.customers,
  };
}

/** Null when either arm has no customers: there is nothing to compare. */
export function upliftVsHoldout(arm: ArmOutcome, holdout: ArmOutcome): UpliftVsHoldout | null {
  if (arm.customers === 0 || holdout.customers === 0) return null;
  return {
    purchaseRate: newcombeInterval({ successes: arm.purchasers, trials: arm.customers }, { successes: holdout.purchasers, trials: holdout.customers }),
    revenuePerCustomerCents: arm.revenuePerCustomerCents - holdout.revenuePerCustomerCents,
  };
}

/**
 * The difference of two proportions a − b with Newcombe's hybrid score interval (method 10 of Newcombe 1998,
 * built from each arm's Wilson interval): unlike the plain normal approximation it stays sensible for the small
 * arms and the rates near 0 a holdout usually has.
 */
export function newcombeInterval(a: Proportion, b: Proportion, z = 1.96): DifferenceInterval {
  const first = wilsonInterval(a, z);
  const second = wilsonInterval(b, z);
  const difference = first.rate - second.rate;
  return {
    difference,
    low: difference - Math.sqrt((first.rate - first.low) ** 2 + (second.high - second.rate) ** 2),
    high: difference + Math.sqrt((first.high - first.rate) ** 2 + (second.rate - second.low) ** 2),
  };
}

/** Every arm of one campaign version beside the holdout; the holdout itself is returned apart. */
export function compareWithHoldout(arms: readonly ArmCounts[], holdoutArm: string): { holdout: ArmOutcome | null; arms: Array<ArmOutcome & { upliftVsHoldout: UpliftVsHoldout | null }> } {
  const held = arms.find((counts) => counts.arm === holdoutArm);
  const holdout = held ? armOutcome(held) : null;
  return {
    holdout,
    arms: arms
      .filter((counts) => counts.arm !== holdoutArm)
      .map((counts) => {
        const outcome = armOutcome(counts);
        return { ...outcome, upliftVsHoldout: holdout ? upliftVsHoldout(outcome, holdout) : null };
      }),
  };
}

/**
 * The sent customers of every campaign version that has a holdout, pooled, against those holdouts pooled: one
 * number for the funnel. Versions without a holdout are left out, since they have nothing to compare with.
 */
export function pooledAgainstHoldout(versions: ReadonlyArray<readonly ArmCounts[]>, holdoutArm: string): { treated: ArmOutcome; holdout: ArmOutcome; upliftVsHoldout: UpliftVsHoldout } | null {
  const treated: ArmCounts = { arm: 'sent', customers: 0, purchasers: 0, revenueCents: 0 };
  const held: ArmCounts = { arm: holdoutArm, customers: 0, purchasers: 0, revenueCents: 0 };
  for (const arms of versions) {
    if (!arms.some((counts) => counts.arm === holdoutArm && counts.customers > 0)) continue;
    for (const counts of arms) {
      const into = counts.arm === holdoutArm ? held : treated;
      into.customers += counts.customers;
      into.purchasers += counts.purchasers;
      into.revenueCents += counts.revenueCents;
    }
  }
  const outcome = { treated: armOutcome(treated), holdout: armOutcome(held) };
  const uplift = upliftVsHoldout(outcome.treated, outcome.holdout);
  return uplift ? { ...outcome, upliftVsHoldout: uplift } : null;
}
