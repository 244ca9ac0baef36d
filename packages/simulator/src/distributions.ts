import type { Random } from './prng';

export function uniform(random: Random, low: number, high: number): number {
  return low + (high - low) * random();
}

export function chance(random: Random, probability: number): boolean {
  return random() < probability;
}

export function exponential(random: Random, mean: number): number {
  // 1 - u is in (0, 1], so the log is finite.
  return -Math.log(1 - random()) * mean;
}

/** Standard normal by Box–Muller (the second variate is dropped to keep the stream simple to reason about). */
export function standardNormal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal with the given median and log-scale spread (sigma of the underlying normal). */
export function logNormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(sigma * standardNormal(random));
}

/** Gamma(shape, scale) by Marsaglia–Tsang; shapes below 1 use the boost u^(1/shape). */
export function gamma(random: Random, shape: number, scale: number): number {
  if (shape < 1) return gamma(random, shape + 1, scale) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(random);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
  }
}

export function beta(random: Random, a: number, b: number): number {
  const x = gamma(random, a, 1);
  const y = gamma(random, b, 1);
  return x / (x + y);
}

/** Poisson by inversion; fine for the small means used here (a handful of invoices a day). */
export function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

export function pickWeighted<T>(random: Random, options: ReadonlyArray<readonly [T, number]>): T {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let target = random() * total;
  for (const [value, weight] of options) {
    target -= weight;
    if (target < 0) return value;
  }
  return options[options.length - 1][0];
}
