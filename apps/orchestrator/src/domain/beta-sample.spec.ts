import { sampleBeta } from './beta-sample';
import { mulberry32 as seededRandom } from '@syncengage/seeded-random';

describe(sampleBeta.name, () => {
  it.each([
    { alpha: 1, beta: 1 },
    { alpha: 2, beta: 5 },
    { alpha: 0.3, beta: 0.6 },
    { alpha: 400, beta: 100 },
  ])('draws Beta($alpha, $beta) with its mean and variance', ({ alpha, beta }) => {
    const random = seededRandom(11);
    const draws = Array.from({ length: 40_000 }, () => sampleBeta(alpha, beta, random));
    const mean = draws.reduce((sum, x) => sum + x, 0) / draws.length;
    const variance = draws.reduce((sum, x) => sum + (x - mean) ** 2, 0) / draws.length;
    const n = alpha + beta;
    expect(mean).toBeCloseTo(alpha / n, 2);
    expect(variance).toBeCloseTo((alpha * beta) / (n * n * (n + 1)), 3);
    expect(draws.every((x) => x >= 0 && x <= 1)).toBe(true);
  });
});
