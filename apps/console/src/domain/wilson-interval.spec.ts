import { wilsonInterval } from './wilson-interval';

describe('the Wilson interval', () => {
  it.each([
    // Reference values from Wilson (1927) as tabulated by Newcombe (1998), method 3.
    { successes: 81, trials: 263, low: 0.2553, high: 0.3662 },
    { successes: 15, trials: 148, low: 0.0624, high: 0.1605 },
    { successes: 0, trials: 20, low: 0, high: 0.1611 },
    { successes: 1, trials: 29, low: 0.0061, high: 0.1718 },
  ])('$successes of $trials → [$low, $high]', ({ successes, trials, low, high }) => {
    const interval = wilsonInterval({ successes, trials });
    expect(interval.low).toBeCloseTo(low, 3);
    expect(interval.high).toBeCloseTo(high, 3);
    expect(interval.rate).toBeCloseTo(successes / trials, 10);
  });

  it('is empty when nothing was tried', () => {
    expect(wilsonInterval({ successes: 0, trials: 0 })).toEqual({ rate: 0, low: 0, high: 0 });
  });
});
