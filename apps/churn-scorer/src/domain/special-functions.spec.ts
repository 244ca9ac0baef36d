import { logGamma, upperRegularizedGamma } from './special-functions';

describe('special functions', () => {
  it.each([[1, 0], [2, 0], [5, Math.log(24)], [0.5, Math.log(Math.sqrt(Math.PI))], [10.5, 13.940625219403763]])('ln Γ(%d) = %d', (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 10);
  });

  it.each([0.1, 1, 3, 10, 40])('Q(1, x) is exp(−x) and Q(2, x) is exp(−x)(1 + x) at x = %d', (x) => {
    expect(upperRegularizedGamma(1, x)).toBeCloseTo(Math.exp(-x), 12);
    expect(upperRegularizedGamma(2, x)).toBeCloseTo(Math.exp(-x) * (1 + x), 12);
  });

  it('is 1 at zero and falls towards 0', () => {
    expect(upperRegularizedGamma(50, 0)).toBe(1);
    expect(upperRegularizedGamma(50, 50)).toBeCloseTo(0.48119168452795674, 12);
    // Reference values from scipy.special.gammaincc.
    expect(upperRegularizedGamma(50, 200) / 1.6927979958857254e-37).toBeCloseTo(1, 9);
    expect(upperRegularizedGamma(0.5, 2)).toBeCloseTo(0.04550026389635857, 12);
  });
});
