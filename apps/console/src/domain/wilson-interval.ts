/** The Wilson score interval of a proportion: unlike the normal approximation it stays inside [0, 1] for small samples. */
export interface Proportion {
  successes: number;
  trials: number;
}

export interface Interval {
  rate: number;
  low: number;
  high: number;
}

/** z = 1.96: a 95 % interval. */
export function wilsonInterval({ successes, trials }: Proportion, z = 1.96): Interval {
  if (trials === 0) return { rate: 0, low: 0, high: 0 };
  const rate = successes / trials;
  const z2 = z * z;
  const centre = (rate + z2 / (2 * trials)) / (1 + z2 / trials);
  const margin = (z / (1 + z2 / trials)) * Math.sqrt((rate * (1 - rate)) / trials + z2 / (4 * trials * trials));
  return { rate, low: Math.max(0, centre - margin), high: Math.min(1, centre + margin) };
}
