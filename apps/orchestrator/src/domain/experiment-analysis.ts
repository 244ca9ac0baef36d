import {
  addAmount,
  meanDifferenceInterval,
  meanInterval,
  NO_AMOUNTS,
  proportionDifferenceInterval,
  wilsonInterval,
  type AmountSums,
  type Interval,
} from './ab-statistics';
import type { ExperimentSettings } from './experiment-settings';
import { alwaysValidPValues, type ConversionCounts } from './sequential-test';
import { HOLDOUT } from './variant-assignment';

/** One customer in one campaign version: the unit the arms were randomised by. */
export interface ExperimentUnit {
  arm: string;
  /** The customer's first decision in this version: when they entered the experiment. */
  decidedAt: Date;
  sent: boolean;
  opened: boolean;
  clicked: boolean;
  /** When the customer first converted inside the attribution window, if they did. */
  convertedAt?: Date;
  /** Revenue attributed to the campaign: inside the attribution window. */
  revenueCents: number;
  /** Net purchases inside the LTV window (the seed's WinnerLTV). */
  ltvCents: number;
}

export type Verdict = 'collecting' | 'better' | 'worse' | 'inconclusive';

export interface Comparison {
  against: string;
  conversionUplift: Interval;
  /** Uplift over the other arm's rate (0.25 = 25 % more conversions); null while that rate is 0. */
  relativeConversionUplift: number | null;
  revenuePerCustomerUpliftCents: Interval;
  ltvPerCustomerUpliftCents: Interval;
  /** mSPRT always-valid p-value over every daily look so far. */
  alwaysValidPValue: number;
  verdict: Verdict;
}

export interface ArmResult {
  arm: string;
  isHoldout: boolean;
  customers: number;
  sent: number;
  opened: number;
  clicked: number;
  converted: number;
  revenueCents: number;
  /** Of messages sent; the holdout is sent nothing. */
  openRate: Interval;
  clickRate: Interval;
  /** Of every customer assigned (intention to treat), so arms and the holdout are measured alike. */
  conversionRate: Interval;
  revenuePerCustomerCents: Interval;
  ltvPerCustomerCents: Interval;
  vsControl?: Comparison;
}

export interface ExperimentAnalysis {
  /** The holdout when it has customers, else the first variant. */
  control: string | null;
  arms: ArmResult[];
  /** α split over every pair of arms (Bonferroni): the threshold each always-valid p-value is held to. */
  alphaPerComparison: number;
  winner: { arm: string; reason: string } | null;
  /** End of each UTC day (the last is now) with each variant's always-valid p-value against the control. */
  looks: Array<{ at: string; pValues: Record<string, number> }>;
}

const DAY_MS = 86_400_000;

/**
 * The A/B results of one campaign version. The winner must beat every other arm, the holdout included, in the
 * sequential test: a variant that only beats doing nothing is not promoted over a cheaper one that does as well.
 */
export function analyseExperiment(units: readonly ExperimentUnit[], variants: readonly string[], settings: Required<ExperimentSettings>, now: Date): ExperimentAnalysis {
  const hasHoldout = units.some((unit) => unit.arm === HOLDOUT);
  const armNames = [...variants, ...(hasHoldout ? [HOLDOUT] : []), ...new Set(units.map((unit) => unit.arm).filter((arm) => arm !== HOLDOUT && !variants.includes(arm)))];
  const byArm = new Map(armNames.map((arm) => [arm, units.filter((unit) => unit.arm === arm)]));
  const control = hasHoldout ? HOLDOUT : (variants[0] ?? null);
  const lookTimes = dailyLooks(units, now);
  const pairs = (armNames.length * (armNames.length - 1)) / 2;
  const alphaPerComparison = settings.alpha / Math.max(1, pairs);
  const comparisons = new Map<string, Comparison>();
  const compare = (arm: string, against: string): Comparison => {
    const key = `${arm}\u0000${against}`;
    if (!comparisons.has(key)) comparisons.set(key, compareArms(byArm.get(arm)!, byArm.get(against)!, against, lookTimes, settings, alphaPerComparison));
    return comparisons.get(key)!;
  };

  const arms = armNames.map((arm) => ({ ...summarise(arm, byArm.get(arm)!), vsControl: control && arm !== control ? compare(arm, control) : undefined }));
  const series = control ? armNames.filter((arm) => arm !== control).map((arm) => [arm, sequentialPValues(byArm.get(arm)!, byArm.get(control)!, lookTimes, settings.mixtureSd)] as const) : [];
  const looks = lookTimes.map((at, index) => ({ at: at.toISOString(), pValues: Object.fromEntries(series.map(([arm, pValues]) => [arm, pValues[index]])) }));
  return { control, arms, alphaPerComparison, winner: findWinner(armNames, variants, compare, alphaPerComparison), looks };
}

function findWinner(armNames: string[], variants: readonly string[], compare: (arm: string, against: string) => Comparison, alpha: number): ExperimentAnalysis['winner'] {
  if (armNames.length < 2) return null;
  for (const candidate of variants) {
    const comparisons = armNames.filter((arm) => arm !== candidate).map((against) => compare(candidate, against));
    if (comparisons.every((comparison) => comparison.verdict === 'better')) {
      const against = comparisons
        .map((comparison) => `${comparison.against} by ${(comparison.conversionUplift.estimate * 100).toFixed(1)} points (always-valid p ${comparison.alwaysValidPValue.toPrecision(2)})`)
        .join(', ');
      return { arm: candidate, reason: `${candidate} converts better than ${against}; each p below α ${alpha.toPrecision(2)} after Bonferroni over ${armNames.length} arms` };
    }
  }
  return null;
}

function compareArms(
  arm: readonly ExperimentUnit[],
  other: readonly ExperimentUnit[],
  against: string,
  lookTimes: readonly Date[],
  settings: Required<ExperimentSettings>,
  alpha: number,
): Comparison {
  const a = summarise('', arm);
  const b = summarise('', other);
  const pValues = sequentialPValues(arm, other, lookTimes, settings.mixtureSd);
  const pValue = pValues.length > 0 ? pValues[pValues.length - 1] : 1;
  const conversionUplift = proportionDifferenceInterval({ successes: a.converted, trials: a.customers }, { successes: b.converted, trials: b.customers });
  let verdict: Verdict = 'inconclusive';
  if (a.customers < settings.minCustomersPerArm || b.customers < settings.minCustomersPerArm) verdict = 'collecting';
  else if (pValue <= alpha) verdict = conversionUplift.estimate > 0 ? 'better' : 'worse';
  return {
    against,
    conversionUplift,
    relativeConversionUplift: b.conversionRate.estimate > 0 ? conversionUplift.estimate / b.conversionRate.estimate : null,
    revenuePerCustomerUpliftCents: meanDifferenceInterval(amounts(arm, (unit) => unit.revenueCents), amounts(other, (unit) => unit.revenueCents)),
    ltvPerCustomerUpliftCents: meanDifferenceInterval(amounts(arm, (unit) => unit.ltvCents), amounts(other, (unit) => unit.ltvCents)),
    alwaysValidPValue: pValue,
    verdict,
  };
}

function summarise(arm: string, units: readonly ExperimentUnit[]): ArmResult {
  const count = (test: (unit: ExperimentUnit) => boolean) => units.filter(test).length;
  const sent = count((unit) => unit.sent);
  const converted = count((unit) => unit.convertedAt !== undefined);
  return {
    arm,
    isHoldout: arm === HOLDOUT,
    customers: units.length,
    sent,
    opened: count((unit) => unit.opened),
    clicked: count((unit) => unit.clicked),
    converted,
    revenueCents: units.reduce((sum, unit) => sum + unit.revenueCents, 0),
    openRate: wilsonInterval(count((unit) => unit.opened), sent),
    clickRate: wilsonInterval(count((unit) => unit.clicked), sent),
    conversionRate: wilsonInterval(converted, units.length),
    revenuePerCustomerCents: meanInterval(amounts(units, (unit) => unit.revenueCents)),
    ltvPerCustomerCents: meanInterval(amounts(units, (unit) => unit.ltvCents)),
  };
}

function sequentialPValues(arm: readonly ExperimentUnit[], other: readonly ExperimentUnit[], lookTimes: readonly Date[], mixtureSd: number): number[] {
  return alwaysValidPValues(lookTimes.map((at) => ({ treatment: countsAt(arm, at), control: countsAt(other, at) })), mixtureSd);
}

/** What was known at `at`: customers who had entered by then, and those of them converted by then. */
function countsAt(units: readonly ExperimentUnit[], at: Date): ConversionCounts {
  let customers = 0;
  let conversions = 0;
  for (const unit of units) {
    if (unit.decidedAt > at) continue;
    customers += 1;
    if (unit.convertedAt && unit.convertedAt <= at) conversions += 1;
  }
  return { customers, conversions };
}

/** The end of every UTC day from the first customer's, then now: one look a day, as a team that checks daily. */
function dailyLooks(units: readonly ExperimentUnit[], now: Date): Date[] {
  if (units.length === 0) return [];
  const first = units.reduce((earliest, unit) => Math.min(earliest, unit.decidedAt.getTime()), Infinity);
  const looks: Date[] = [];
  for (let end = Math.floor(first / DAY_MS) * DAY_MS + DAY_MS - 1; end < now.getTime(); end += DAY_MS) looks.push(new Date(end));
  looks.push(now);
  return looks;
}

function amounts(units: readonly ExperimentUnit[], pick: (unit: ExperimentUnit) => number): AmountSums {
  return units.reduce((sums, unit) => addAmount(sums, pick(unit)), NO_AMOUNTS);
}
