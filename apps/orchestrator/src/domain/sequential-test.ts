/**
 * Mixture sequential probability ratio test (mSPRT) for the difference of two conversion rates, after Johari,
 * Koomen, Pekelis and Walsh, "Peeking at A/B tests" (KDD 2017), in the normal approximation with plug-in variance.
 *
 * H0: both arms convert alike (θ = p₁ − p₀ = 0). Against a normal mixture θ ~ N(0, τ²) the likelihood ratio is
 *   Λ = √(V / (V + τ²)) · exp(τ² θ̂² / (2 V (V + τ²))),  V = p̂₁(1 − p̂₁)/n₁ + p̂₀(1 − p̂₀)/n₀.
 * Under H0, Λ is a martingale with mean 1, so by Ville's inequality it ever reaches 1/α with probability at most α:
 * the always-valid p-value min(1, 1/Λ) taken as a running minimum over looks may be read every day, and the test
 * stopped whenever it says so, without inflating false positives — unlike a fixed-horizon z-test read daily.
 */
export interface ConversionCounts {
  conversions: number;
  customers: number;
}

export function msprtLikelihoodRatio(treatment: ConversionCounts, control: ConversionCounts, mixtureSd: number): number {
  if (treatment.customers === 0 || control.customers === 0) return 1;
  const p1 = treatment.conversions / treatment.customers;
  const p0 = control.conversions / control.customers;
  const variance = (p1 * (1 - p1)) / treatment.customers + (p0 * (1 - p0)) / control.customers;
  // Nothing has varied yet (all zero or all one): no evidence either way.
  if (variance === 0) return 1;
  const tau2 = mixtureSd * mixtureSd;
  const theta = p1 - p0;
  return Math.sqrt(variance / (variance + tau2)) * Math.exp((tau2 * theta * theta) / (2 * variance * (variance + tau2)));
}

/** Always-valid p-values after each look: the running minimum of 1/Λ, never above 1 and never rising. */
export function alwaysValidPValues(looks: ReadonlyArray<{ treatment: ConversionCounts; control: ConversionCounts }>, mixtureSd: number): number[] {
  let p = 1;
  return looks.map(({ treatment, control }) => {
    p = Math.min(p, 1 / msprtLikelihoodRatio(treatment, control, mixtureSd));
    return p;
  });
}

/** What a fixed-horizon two-proportion z-test would say at one look; only for showing what peeking does to it. */
export function naiveZTestPValue(treatment: ConversionCounts, control: ConversionCounts): number {
  if (treatment.customers === 0 || control.customers === 0) return 1;
  const pooled = (treatment.conversions + control.conversions) / (treatment.customers + control.customers);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / treatment.customers + 1 / control.customers));
  if (se === 0) return 1;
  const z = Math.abs(treatment.conversions / treatment.customers - control.conversions / control.customers) / se;
  return 2 * (1 - standardNormalCdf(z));
}

/** Abramowitz and Stegun 7.1.26 (error below 1.5e-7), enough for a p-value. */
export function standardNormalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}
