import { assignVariant, HOLDOUT, type VariantWeight } from './variant-assignment';

const even: VariantWeight[] = [
  { name: 'VariantA', weight: 1 },
  { name: 'VariantB', weight: 1 },
];
const customers = Array.from({ length: 20_000 }, (_, index) => `cust-${index}`);

function shares(assignments: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const arm of assignments) counts[arm] = (counts[arm] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).map(([arm, count]) => [arm, count / assignments.length]));
}

describe(assignVariant.name, () => {
  it('puts a customer in the same arm on every call (no state, same on every instance)', () => {
    const first = customers.slice(0, 500).map((id) => assignVariant(id, 'at-risk-win-back@1', even, 10));
    const again = customers.slice(0, 500).map((id) => assignVariant(id, 'at-risk-win-back@1', even, 10));
    expect(again).toEqual(first);
  });

  it('pins a known customer to a known arm, so a release cannot reshuffle running experiments', () => {
    expect(customers.slice(0, 8).map((id) => assignVariant(id, 'at-risk-win-back@1', even, 10))).toEqual([
      'VariantB', 'VariantA', 'VariantA', 'VariantB', 'VariantA', 'VariantA', 'VariantB', 'VariantB',
    ]);
  });

  it.each([0, 10, 50])('holds out close to %d%% of 20 000 customers', (holdoutPercent) => {
    const holdoutShare = shares(customers.map((id) => assignVariant(id, 'exp-1', even, holdoutPercent)))[HOLDOUT] ?? 0;
    expect(Math.abs(holdoutShare - holdoutPercent / 100)).toBeLessThanOrEqual(0.01);
  });

  it('splits the customers not held out by weight', () => {
    const weighted: VariantWeight[] = [
      { name: 'VariantA', weight: 3 },
      { name: 'VariantB', weight: 1 },
    ];
    const result = shares(customers.map((id) => assignVariant(id, 'exp-1', weighted, 20)));
    expect(result[HOLDOUT]).toBeCloseTo(0.2, 1);
    expect(result.VariantA).toBeGreaterThan(0.58);
    expect(result.VariantA).toBeLessThan(0.62);
    expect(result.VariantB).toBeGreaterThan(0.18);
    expect(result.VariantB).toBeLessThan(0.22);
  });

  it('never picks a variant of weight zero', () => {
    const withDisabled: VariantWeight[] = [
      { name: 'VariantA', weight: 1 },
      { name: 'Paused', weight: 0 },
    ];
    expect(customers.slice(0, 2_000).filter((id) => assignVariant(id, 'exp-1', withDisabled, 0) === 'Paused')).toEqual([]);
  });

  it('gives the only variant to everyone when there is no holdout', () => {
    const only = [{ name: 'VariantA', weight: 1 }];
    expect(new Set(customers.slice(0, 2_000).map((id) => assignVariant(id, 'exp-1', only, 0)))).toEqual(new Set(['VariantA']));
  });

  it('assigns arms of different experiments independently', () => {
    const inA = customers.filter((id) => assignVariant(id, 'vip-early-access@1', even, 0) === 'VariantA');
    const alsoAElsewhere = inA.filter((id) => assignVariant(id, 'at-risk-win-back@1', even, 0) === 'VariantA');
    expect(alsoAElsewhere.length / inA.length).toBeGreaterThan(0.47);
    expect(alsoAElsewhere.length / inA.length).toBeLessThan(0.53);
  });

  it('reshuffles when the experiment id changes (a new campaign version is a new experiment)', () => {
    const v1 = customers.slice(0, 1_000).map((id) => assignVariant(id, 'at-risk-win-back@1', even, 0));
    const v2 = customers.slice(0, 1_000).map((id) => assignVariant(id, 'at-risk-win-back@2', even, 0));
    const same = v1.filter((arm, index) => arm === v2[index]).length;
    expect(same).toBeGreaterThan(430);
    expect(same).toBeLessThan(570);
  });
});
