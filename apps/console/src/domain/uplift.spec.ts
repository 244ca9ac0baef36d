import { compareWithHoldout, newcombeInterval, pooledAgainstHoldout } from './uplift';

describe('the difference of two proportions (Newcombe hybrid score interval)', () => {
  it.each([
    // Reference values from Newcombe (1998), Table II, method 10.
    { a: [56, 70], b: [48, 80], low: 0.0524, high: 0.3339 },
    { a: [9, 10], b: [3, 10], low: 0.1705, high: 0.809 },
    { a: [5, 56], b: [0, 29], low: -0.0381, high: 0.1926 },
  ])('$a − $b → [$low, $high]', ({ a, b, low, high }) => {
    const interval = newcombeInterval({ successes: a[0], trials: a[1] }, { successes: b[0], trials: b[1] });
    expect(interval.difference).toBeCloseTo(a[0] / a[1] - b[0] / b[1], 10);
    expect(interval.low).toBeCloseTo(low, 3);
    expect(interval.high).toBeCloseTo(high, 3);
  });
});

describe('arms against the holdout', () => {
  it('gives each variant its purchase rate and revenue per customer beside the holdout, and the difference', () => {
    const compared = compareWithHoldout(
      [
        { arm: 'holdout', customers: 4, purchasers: 1, revenueCents: 2000 },
        { arm: 'ten', customers: 2, purchasers: 1, revenueCents: 3000 },
      ],
      'holdout',
    );
    expect(compared.holdout).toMatchObject({ arm: 'holdout', customers: 4, purchasers: 1, revenuePerCustomerCents: 500, purchaseRate: { rate: 0.25 } });
    expect(compared.arms).toHaveLength(1);
    expect(compared.arms[0]).toMatchObject({ arm: 'ten', revenuePerCustomerCents: 1500, upliftVsHoldout: { revenuePerCustomerCents: 1000, purchaseRate: { difference: 0.25 } } });
  });

  it('has no uplift without a holdout', () => {
    const compared = compareWithHoldout([{ arm: 'ten', customers: 2, purchasers: 1, revenueCents: 3000 }], 'holdout');
    expect(compared.holdout).toBeNull();
    expect(compared.arms[0].upliftVsHoldout).toBeNull();
  });
});

describe('the pooled uplift of the funnel', () => {
  it('pools the versions that have a holdout and leaves the others out', () => {
    const pooled = pooledAgainstHoldout(
      [
        [{ arm: 'holdout', customers: 2, purchasers: 1, revenueCents: 1000 }, { arm: 'a', customers: 3, purchasers: 2, revenueCents: 3000 }],
        [{ arm: 'holdout', customers: 2, purchasers: 0, revenueCents: 0 }, { arm: 'b', customers: 1, purchasers: 1, revenueCents: 1000 }],
        [{ arm: 'c', customers: 10, purchasers: 10, revenueCents: 99_000 }],
      ],
      'holdout',
    );
    expect(pooled?.treated).toMatchObject({ customers: 4, purchasers: 3, revenuePerCustomerCents: 1000 });
    expect(pooled?.holdout).toMatchObject({ customers: 4, purchasers: 1, revenuePerCustomerCents: 250 });
    expect(pooled?.upliftVsHoldout).toMatchObject({ purchaseRate: { difference: 0.5 }, revenuePerCustomerCents: 750 });
  });

  it('is null without any holdout customer', () => {
    expect(pooledAgainstHoldout([[{ arm: 'a', customers: 3, purchasers: 2, revenueCents: 3000 }]], 'holdout')).toBeNull();
  });
});
