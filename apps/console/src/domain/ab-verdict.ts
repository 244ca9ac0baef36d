import type { Proportion } from './wilson-interval';

export interface VariantOutcome extends Proportion {
  variant: string;
}

export type AbVerdict =
  | { decided: true; winner: string; runnerUp: string; pValue: number; summary: string }
  | { decided: false; leader: string | null; pValue: number | null; summary: string };

/** Below this many messages per variant the normal approximation of the z-test is not trusted. */
export const MIN_TRIALS_PER_VARIANT = 30;

/**
 * The best variant against the runner-up with a two-sided two-proportion z-test at `alpha`: a winner only when the
 * difference is significant, otherwise "keep testing" with the current leader.
 */
export function abVerdict(variants: readonly VariantOutcome[], alpha = 0.05): AbVerdict {
  const ranked = [...variants].filter((v) => v.trials > 0).sort((a, b) => b.successes / b.trials - a.successes / a.trials || a.variant.localeCompare(b.variant));
  if (ranked.length < 2) return { decided: false, leader: ranked[0]?.variant ?? null, pValue: null, summary: 'needs at least two variants with messages' };
  const [best, second] = ranked;
  if (best.trials < MIN_TRIALS_PER_VARIANT || second.trials < MIN_TRIALS_PER_VARIANT) {
    return { decided: false, leader: best.variant, pValue: null, summary: `keep testing: fewer than ${MIN_TRIALS_PER_VARIANT} messages in a variant` };
  }
  const pValue = twoProportionPValue(best, second);
  if (pValue < alpha) {
    return { decided: true, winner: best.variant, runnerUp: second.variant, pValue, summary: `${best.variant} beats ${second.variant} (p = ${pValue.toFixed(4)})` };
  }
  return { decided: false, leader: best.variant, pValue, summary: `no significant difference yet (p = ${pValue.toFixed(4)}); ${best.variant} leads` };
}

export function twoProportionPValue(a: Proportion, b: Proportion): number {
  const pooled = (a.successes + b.successes) / (a.trials + b.trials);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials));
  if (standardError === 0) return 1;
  const z = Math.abs(a.successes / a.trials - b.successes / b.trials) / standardError;
  return 2 * (1 - standardNormalCdf(z));
}

/** Abramowitz and Stegun 7.1.26: error below 1.5e-7, plenty for a p-value shown to four places. */
function standardNormalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(z) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
