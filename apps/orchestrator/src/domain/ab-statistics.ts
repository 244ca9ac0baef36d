/** Confidence intervals for A/B results; 95 % throughout (z = 1.96). */
export const Z_95 = 1.959963984540054;

export interface Interval {
  estimate: number;
  /** null while there is too little data to say anything (no customers, or one for a mean). */
  low: number | null;
  high: number | null;
}

/**
 * Wilson score interval for a proportion: unlike the textbook p ± z·√(p(1−p)/n) it stays inside [0, 1] and keeps
 * its coverage at 0 or n successes and small n, which is where a young experiment lives.
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval {
  if (trials === 0) return { estimate: 0, low: null, high: null };
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Running sums of a per-customer amount (revenue, LTV): enough for its mean and variance. */
export interface AmountSums {
  n: number;
  sum: number;
  sumOfSquares: number;
}

export const NO_AMOUNTS: AmountSums = { n: 0, sum: 0, sumOfSquares: 0 };

export function addAmount(sums: AmountSums, value: number): AmountSums {
  return { n: sums.n + 1, sum: sums.sum + value, sumOfSquares: sums.sumOfSquares + value * value };
}

/** Sample variance (n − 1); 0 below two values. */
export function sampleVariance(sums: AmountSums): number {
  if (sums.n < 2) return 0;
  const mean = sums.sum / sums.n;
  return Math.max(0, (sums.sumOfSquares - sums.n * mean * mean) / (sums.n - 1));
}

/**
 * Normal interval for a mean: revenue per customer is mostly zeros with a long tail, but the central limit
 * theorem holds at the sample sizes where a verdict is given (hundreds per arm) and needs no resampling.
 */
export function meanInterval(sums: AmountSums, z = Z_95): Interval {
  if (sums.n === 0) return { estimate: 0, low: null, high: null };
  const mean = sums.sum / sums.n;
  if (sums.n < 2) return { estimate: mean, low: null, high: null };
  const half = z * Math.sqrt(sampleVariance(sums) / sums.n);
  return { estimate: mean, low: mean - half, high: mean + half };
}

/** Difference of two independent means (treatment − control), Welch's standard error. */
export function meanDifferenceInterval(treatment: AmountSums, control: AmountSums, z = Z_95): Interval {
  if (treatment.n === 0 || control.n === 0) return { estimate: 0, low: null, high: null };
  const estimate = treatment.sum / treatment.n - control.sum / control.n;
  if (treatment.n < 2 || control.n < 2) return { estimate, low: null, high: null };
  const half = z * Math.sqrt(sampleVariance(treatment) / treatment.n + sampleVariance(control) / control.n);
  return { estimate, low: estimate - half, high: estimate + half };
}

/** Difference of two proportions (treatment − control), Wald interval: reported beside the sequential test, not used for the verdict. */
export function proportionDifferenceInterval(treatment: { successes: number; trials: number }, control: { successes: number; trials: number }, z = Z_95): Interval {
  if (treatment.trials === 0 || control.trials === 0) return { estimate: 0, low: null, high: null };
  const p1 = treatment.successes / treatment.trials;
  const p0 = control.successes / control.trials;
  const half = z * Math.sqrt((p1 * (1 - p1)) / treatment.trials + (p0 * (1 - p0)) / control.trials);
  return { estimate: p1 - p0, low: p1 - p0 - half, high: p1 - p0 + half };
}
