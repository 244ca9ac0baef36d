import {
  alignPosterior,
  chooseDiscount,
  discountContextKey,
  discountLevels,
  discountOutcome,
  emptyPosterior,
  learnDiscountReward,
  profitReward,
  reviseDiscountReward,
  type DiscountOptimizer,
  type DiscountPosterior,
} from './discount-bandit';
import { mulberry32 as seededRandom } from '@syncengage/seeded-random';

const optimizer: DiscountOptimizer = { minDiscount: 5, maxDiscount: 30, learningRate: 0 };

/** Bernoulli rewards with a known mean per level: the level with the highest mean is the one to find. */
function train(settings: DiscountOptimizer, meanReward: (percent: number) => number, rounds: number, seed: number, start = emptyPosterior(settings)) {
  const random = seededRandom(seed);
  let posterior = start;
  const chosen: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const { discountPercent } = chooseDiscount(settings, posterior, random);
    chosen.push(discountPercent);
    posterior = learnDiscountReward(settings, posterior, discountPercent, random() < meanReward(discountPercent) ? 1 : 0);
  }
  return { posterior, chosen };
}

const mostChosen = (values: number[]) => [...new Set(values)].sort((a, b) => share(values, b) - share(values, a))[0];
const share = (values: number[], wanted: number) => values.filter((value) => value === wanted).length / values.length;

describe(discountLevels.name, () => {
  it.each([
    { min: 5, max: 30, step: undefined, levels: [5, 10, 15, 20, 25, 30] },
    { min: 0, max: 10, step: 2.5, levels: [0, 2.5, 5, 7.5, 10] },
    { min: 5, max: 12, step: 5, levels: [5, 10, 12] },
    { min: 10, max: 10, step: 5, levels: [10] },
  ])('offers $levels between $min % and $max % in steps of $step', ({ min, max, step, levels }) => {
    expect(discountLevels({ minDiscount: min, maxDiscount: max, learningRate: 0, stepPercent: step })).toEqual(levels);
  });
});

describe(chooseDiscount.name, () => {
  it('never offers a discount outside the bounds, even from a posterior learned under wider ones', () => {
    const wide: DiscountOptimizer = { minDiscount: 0, maxDiscount: 50, learningRate: 0 };
    const learnedWide = train(wide, (percent) => (percent === 50 ? 0.9 : 0.1), 500, 1).posterior;
    const random = seededRandom(2);
    for (let draw = 0; draw < 2_000; draw += 1) {
      const { discountPercent } = chooseDiscount(optimizer, learnedWide, random);
      expect(discountPercent).toBeGreaterThanOrEqual(5);
      expect(discountPercent).toBeLessThanOrEqual(30);
    }
  });

  it('explores every level while it knows nothing', () => {
    const random = seededRandom(3);
    const offered = new Set(Array.from({ length: 300 }, () => chooseDiscount(optimizer, emptyPosterior(optimizer), random).discountPercent));
    expect([...offered].sort((a, b) => a - b)).toEqual([5, 10, 15, 20, 25, 30]);
  });

  it('settles on the level with the highest expected reward', () => {
    const peakAt15 = (percent: number) => 0.3 - Math.abs(percent - 15) / 100;
    const { chosen } = train(optimizer, peakAt15, 4_000, 4);
    expect(share(chosen.slice(-500), 15)).toBeGreaterThan(0.8);
  });

  it('makes the same choices from the same seed', () => {
    const peakAt15 = (percent: number) => 0.3 - Math.abs(percent - 15) / 100;
    expect(train(optimizer, peakAt15, 200, 5).chosen).toEqual(train(optimizer, peakAt15, 200, 5).chosen);
  });

  it('says which level it drew and from how much evidence', () => {
    const learned: DiscountPosterior = { arms: discountLevels(optimizer).map((discountPercent) => ({ discountPercent, successes: discountPercent === 20 ? 900 : 0, failures: discountPercent === 20 ? 100 : 1_000 })) };
    expect(chooseDiscount(optimizer, learned, seededRandom(6)).reason).toMatch(/^discount 20% by Thompson sampling: mean reward 0\.899 over 1000\.0 weighted results, drew 0\.\d{3}$/);
  });
});

describe(learnDiscountReward.name, () => {
  it('adds a reward r as r successes and 1 − r failures of the level that earned it', () => {
    const learned = learnDiscountReward(optimizer, emptyPosterior(optimizer), 10, 0.25);
    expect(learned.arms.find((arm) => arm.discountPercent === 10)).toEqual({ discountPercent: 10, successes: 0.25, failures: 0.75 });
    expect(learned.arms.filter((arm) => arm.discountPercent !== 10).every((arm) => arm.successes === 0 && arm.failures === 0)).toBe(true);
  });

  it('forgets a learningRate share of all evidence in the context before learning the new result', () => {
    const forgetting = { ...optimizer, learningRate: 0.1 };
    const before: DiscountPosterior = { arms: [{ discountPercent: 5, successes: 10, failures: 30 }, { discountPercent: 10, successes: 20, failures: 20 }] };
    const after = learnDiscountReward(forgetting, before, 10, 1);
    expect(after.arms.slice(0, 2)).toEqual([
      { discountPercent: 5, successes: 9, failures: 27 },
      { discountPercent: 10, successes: 19, failures: 18 },
    ]);
  });

  it('keeps about 1 / learningRate results of evidence however long it runs', () => {
    const forgetting = { ...optimizer, learningRate: 0.01 };
    const { posterior } = train(forgetting, () => 0.5, 5_000, 7);
    const evidence = posterior.arms.reduce((sum, arm) => sum + arm.successes + arm.failures, 0);
    expect(evidence).toBeCloseTo(100, 0);
  });

  it('follows a market whose best level moves when it forgets, and stays with the old best when it does not', () => {
    const oldPeakAt10 = (percent: number) => 0.6 - Math.abs(percent - 10) / 50;
    const newPeakAt25 = (percent: number) => 0.6 - Math.abs(percent - 25) / 50;
    // A long past at the old peak: 20_000 results at 10 %, 1_000 at every other level.
    const past: DiscountPosterior = {
      arms: discountLevels(optimizer).map((discountPercent) => {
        const results = discountPercent === 10 ? 20_000 : 1_000;
        return { discountPercent, successes: results * oldPeakAt10(discountPercent), failures: results * (1 - oldPeakAt10(discountPercent)) };
      }),
    };
    const recentChoices = (learningRate: number) => train({ ...optimizer, learningRate }, newPeakAt25, 2_000, 9, past).chosen.slice(-500);
    expect(mostChosen(recentChoices(0.005))).toBe(25);
    expect(mostChosen(recentChoices(0))).toBe(10);
  });

  it('ignores a result for a level that is not offered', () => {
    const start = emptyPosterior(optimizer);
    expect(learnDiscountReward({ ...optimizer, learningRate: 0.5 }, start, 40, 1)).toEqual(start);
  });
});

describe(alignPosterior.name, () => {
  it('keeps evidence of levels still offered and starts new ones from the prior', () => {
    const learned = learnDiscountReward(optimizer, emptyPosterior(optimizer), 30, 1);
    expect(alignPosterior(learned, { minDiscount: 20, maxDiscount: 40, learningRate: 0, stepPercent: 10 }).arms).toEqual([
      { discountPercent: 20, successes: 0, failures: 0 },
      { discountPercent: 30, successes: 1, failures: 0 },
      { discountPercent: 40, successes: 0, failures: 0 },
    ]);
  });
});

describe(profitReward.name, () => {
  it.each([
    { revenue: 0, cost: 0, reward: 0 },
    { revenue: 5_000, cost: 1_000, reward: 0.4 },
    { revenue: 20_000, cost: 1_000, reward: 1 },
    { revenue: 500, cost: 1_000, reward: 0 },
  ])('revenue $revenue c minus discount $cost c over a 10_000 c scale → $reward', ({ revenue, cost, reward }) => {
    expect(profitReward({ revenueImpactCents: revenue, discountCostCents: cost }, 10_000)).toBeCloseTo(reward, 10);
  });
});

describe(discountContextKey.name, () => {
  it('learns separately per segment and risk band', () => {
    expect(discountContextKey('At-Risk', 'high')).not.toBe(discountContextKey('At-Risk', 'medium'));
  });
});

describe('explicit levels', () => {
  it('offers exactly the listed levels inside the bounds, sorted, and drops any outside them', () => {
    expect(discountLevels({ minDiscount: 5, maxDiscount: 25, learningRate: 0, levels: [25, 5, 12.5, 40, 0] })).toEqual([5, 12.5, 25]);
  });

  it('never draws a level outside the bounds, whatever the posterior favoured', () => {
    const bounded: DiscountOptimizer = { minDiscount: 10, maxDiscount: 20, learningRate: 0, levels: [10, 15, 20] };
    const favouringFifty: DiscountPosterior = { arms: [{ discountPercent: 50, successes: 1_000, failures: 0 }] };
    const random = seededRandom(3);
    for (let draw = 0; draw < 500; draw += 1) expect([10, 15, 20]).toContain(chooseDiscount(bounded, favouringFifty, random).discountPercent);
  });
});

describe(reviseDiscountReward.name, () => {
  const learned: DiscountPosterior = { arms: [{ discountPercent: 10, successes: 2, failures: 3 }, { discountPercent: 20, successes: 1, failures: 1 }] };

  it('moves a message’s higher reward from failures to successes, without counting it as a second result', () => {
    const revised = reviseDiscountReward(learned, 10, 0, 0.6);
    expect(revised.arms[0]).toEqual({ discountPercent: 10, successes: 2.6, failures: 2.4 });
    expect(revised.arms[0].successes + revised.arms[0].failures).toBe(5);
    expect(revised.arms[1]).toBe(learned.arms[1]);
  });

  it.each([0.6, 0.3])('changes nothing for a reward (%p) not above the one learned', (reward) => {
    expect(reviseDiscountReward(learned, 10, 0.6, reward)).toBe(learned);
  });
});

describe(discountOutcome.name, () => {
  it.each([
    { converted: true, revenueImpactCents: 8_000, percent: 20, revenue: 8_000, cost: 1_600 },
    { converted: false, revenueImpactCents: 0, percent: 20, revenue: 0, cost: 0 },
    { converted: false, revenueImpactCents: 5_000, percent: 20, revenue: 0, cost: 0 },
  ])('converted $converted, revenue $revenueImpactCents at $percent % → profit inputs $revenue − $cost', ({ converted, revenueImpactCents, percent, revenue, cost }) => {
    expect(discountOutcome({ converted, revenueImpactCents }, percent)).toEqual({ revenueImpactCents: revenue, discountCostCents: cost });
  });
});
