import { abVerdict, twoProportionPValue } from './ab-verdict';

describe('the A/B verdict', () => {
  it('names a winner when the best variant converts significantly more', () => {
    const verdict = abVerdict([
      { variant: 'ten', successes: 20, trials: 200 },
      { variant: 'twenty', successes: 50, trials: 200 },
    ]);
    expect(verdict).toMatchObject({ decided: true, winner: 'twenty', runnerUp: 'ten' });
  });

  it('keeps testing when the difference could be chance, naming the leader', () => {
    expect(abVerdict([
      { variant: 'ten', successes: 20, trials: 200 },
      { variant: 'twenty', successes: 24, trials: 200 },
    ])).toMatchObject({ decided: false, leader: 'twenty' });
  });

  it('keeps testing with too few messages in a variant', () => {
    expect(abVerdict([
      { variant: 'a', successes: 0, trials: 10 },
      { variant: 'b', successes: 9, trials: 10 },
    ])).toMatchObject({ decided: false, leader: 'b', pValue: null });
  });

  it('needs two variants', () => {
    expect(abVerdict([{ variant: 'only', successes: 3, trials: 40 }])).toMatchObject({ decided: false, leader: 'only' });
  });

  it('matches the textbook z-test (p for 20/200 vs 50/200 ≈ 0.0000 and 45/100 vs 35/100 ≈ 0.149)', () => {
    expect(twoProportionPValue({ successes: 20, trials: 200 }, { successes: 50, trials: 200 })).toBeLessThan(0.0001);
    expect(twoProportionPValue({ successes: 45, trials: 100 }, { successes: 35, trials: 100 })).toBeCloseTo(0.149, 2);
  });
});
