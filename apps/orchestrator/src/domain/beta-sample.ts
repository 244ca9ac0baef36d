/** Uniform in [0, 1). Passed in so that every draw can be replayed from a seed. */
export type Random = () => number;

/** One draw from Beta(alpha, beta) as X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta). */
export function sampleBeta(alpha: number, beta: number, random: Random): number {
  const x = sampleGamma(alpha, random);
  const y = sampleGamma(beta, random);
  return x / (x + y);
}

/**
 * Marsaglia and Tsang (2000). For shape < 1, which forgetting can produce as evidence fades, it draws with
 * shape + 1 and scales by U^(1/shape).
 */
export function sampleGamma(shape: number, random: Random): number {
  if (shape < 1) return sampleGamma(shape + 1, random) * Math.pow(openUnit(random), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = openUnit(random);
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Box–Muller; one of the pair is thrown away to keep the function stateless. */
function standardNormal(random: Random): number {
  return Math.sqrt(-2 * Math.log(openUnit(random))) * Math.cos(2 * Math.PI * random());
}

/** (0, 1): a zero would send log() to -Infinity. */
function openUnit(random: Random): number {
  let u = random();
  while (u <= 0) u = random();
  return u;
}
