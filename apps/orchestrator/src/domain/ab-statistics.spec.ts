import { addAmount, meanDifferenceInterval, meanInterval, NO_AMOUNTS, proportionDifferenceInterval, wilsonInterval } from './ab-statistics';

const sums = (values: number[]) => values.reduce(addAmount, NO_AMOUNTS);

describe(wilsonInterval.name, () => {
  it.each([
    // Newcombe (1998), Statistics in Medicine 17, table I: 81/263 → 0.2553–0.3662.
    { successes: 81, trials: 263, low: 0.2553, high: 0.3662 },
    { successes: 10, trials: 100, low: 0.0552, high: 0.1744 },
    // Where the Wald interval collapses to [0, 0], Wilson still says up to 28 % is plausible.
    { successes: 0, trials: 10, low: 0, high: 0.2775 },
  ])('$successes of $trials → [$low, $high]', ({ successes, trials, low, high }) => {
    const interval = wilsonInterval(successes, trials);
    expect(interval.estimate).toBeCloseTo(successes / trials, 10);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('says nothing about a rate with no trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ estimate: 0, low: null, high: null });
  });
});

describe(meanInterval.name, () => {
  it('is the mean ± 1.96 standard errors', () => {
    // mean 2, sample variance 2.5, n 5 → half-width 1.96 × √0.5
    const interval = meanInterval(sums([0, 1, 2, 3, 4]));
    expect(interval.estimate).toBe(2);
    expect(interval.low).toBeCloseTo(2 - 1.959964 * Math.sqrt(0.5), 5);
    expect(interval.high).toBeCloseTo(2 + 1.959964 * Math.sqrt(0.5), 5);
  });

  it('gives no interval for a single value', () => {
    expect(meanInterval(sums([700]))).toEqual({ estimate: 700, low: null, high: null });
  });
});

describe('differences', () => {
  it('centre a revenue difference on the difference of the means, with Welch’s standard error', () => {
    const interval = meanDifferenceInterval(sums([0, 0, 100, 100]), sums([0, 0, 0, 100]));
    const se = Math.sqrt(3333.333 / 4 + 2500 / 4);
    expect(interval.estimate).toBe(25);
    expect(interval.high! - interval.estimate).toBeCloseTo(1.959964 * se, 2);
  });

  it('centre a conversion uplift on the difference of the rates', () => {
    const interval = proportionDifferenceInterval({ successes: 60, trials: 500 }, { successes: 40, trials: 500 });
    expect(interval.estimate).toBeCloseTo(0.04, 10);
    expect(interval.low).toBeCloseTo(0.04 - 1.959964 * Math.sqrt(0.1792 / 500), 5);
  });
});
