import { analyseExperiment, type ExperimentUnit } from './experiment-analysis';
import { EXPERIMENT_DEFAULTS } from './experiment-settings';

const start = Date.parse('2026-03-01T09:00:00Z');
const DAY = 86_400_000;

/** `customers` per arm over `days`, the first `conversions` of them converting a day after they entered. */
function arm(name: string, customers: number, conversions: number, days = 10, revenueCents = 5_000): ExperimentUnit[] {
  return Array.from({ length: customers }, (_, index) => {
    const decidedAt = new Date(start + Math.floor((index / customers) * days) * DAY);
    const converted = index % Math.round(customers / Math.max(1, conversions)) === 0 && index / Math.round(customers / Math.max(1, conversions)) < conversions;
    return {
      arm: name,
      decidedAt,
      sent: name !== 'holdout',
      opened: name !== 'holdout' && index % 2 === 0,
      clicked: name !== 'holdout' && index % 4 === 0,
      convertedAt: converted ? new Date(decidedAt.getTime() + DAY) : undefined,
      revenueCents: converted ? revenueCents : 0,
      ltvCents: converted ? revenueCents * 2 : 0,
    };
  });
}

const now = new Date(start + 12 * DAY);

describe(analyseExperiment.name, () => {
  it('counts every arm, the holdout included, and measures conversion over everyone assigned', () => {
    const analysis = analyseExperiment([...arm('VariantA', 200, 20), ...arm('holdout', 100, 5)], ['VariantA'], EXPERIMENT_DEFAULTS, now);
    const [variant, holdout] = analysis.arms;
    expect(analysis.control).toBe('holdout');
    expect(variant).toMatchObject({ arm: 'VariantA', customers: 200, sent: 200, opened: 100, clicked: 50, converted: 20, revenueCents: 100_000 });
    expect(holdout).toMatchObject({ arm: 'holdout', isHoldout: true, customers: 100, sent: 0, opened: 0, converted: 5 });
    expect(variant.conversionRate.estimate).toBeCloseTo(0.1, 10);
    expect(variant.revenuePerCustomerCents.estimate).toBe(500);
    expect(variant.ltvPerCustomerCents.estimate).toBe(1_000);
    expect(variant.vsControl).toMatchObject({ against: 'holdout', relativeConversionUplift: expect.closeTo(1, 10) });
    expect(variant.vsControl!.conversionUplift.estimate).toBeCloseTo(0.05, 10);
    expect(holdout.openRate).toEqual({ estimate: 0, low: null, high: null });
  });

  it('looks once at the end of every day and once now', () => {
    const analysis = analyseExperiment([...arm('VariantA', 100, 10), ...arm('holdout', 100, 10)], ['VariantA'], EXPERIMENT_DEFAULTS, now);
    expect(analysis.looks).toHaveLength(13);
    expect(analysis.looks[0].at).toBe('2026-03-01T23:59:59.999Z');
    expect(analysis.looks[12].at).toBe(now.toISOString());
  });

  it('gives no verdict while an arm has fewer customers than asked for', () => {
    const analysis = analyseExperiment([...arm('VariantA', 50, 40), ...arm('holdout', 50, 1)], ['VariantA'], EXPERIMENT_DEFAULTS, now);
    expect(analysis.arms[0].vsControl!.verdict).toBe('collecting');
    expect(analysis.winner).toBeNull();
  });

  it('names a winner only when it beats the holdout and every other variant', () => {
    const clear = analyseExperiment([...arm('VariantA', 600, 60), ...arm('VariantB', 600, 150), ...arm('holdout', 600, 50)], ['VariantA', 'VariantB'], EXPERIMENT_DEFAULTS, now);
    expect(clear.winner).toMatchObject({ arm: 'VariantB', reason: expect.stringContaining('VariantB converts better than VariantA') });
    expect(clear.alphaPerComparison).toBeCloseTo(0.05 / 3, 10);
    expect(clear.arms.find((result) => result.arm === 'VariantB')!.vsControl!.verdict).toBe('better');

    const tied = analyseExperiment([...arm('VariantA', 600, 150), ...arm('VariantB', 600, 150), ...arm('holdout', 600, 50)], ['VariantA', 'VariantB'], EXPERIMENT_DEFAULTS, now);
    expect(tied.arms.map((result) => result.vsControl?.verdict)).toEqual(['better', 'better', undefined]);
    expect(tied.winner).toBeNull();
  });

  it('says a variant is worse than doing nothing when it is', () => {
    const analysis = analyseExperiment([...arm('VariantA', 600, 20), ...arm('holdout', 600, 90)], ['VariantA'], EXPERIMENT_DEFAULTS, now);
    expect(analysis.arms[0].vsControl!.verdict).toBe('worse');
  });

  it('uses the first variant as the control when nobody is held out', () => {
    const analysis = analyseExperiment([...arm('VariantA', 300, 30), ...arm('VariantB', 300, 90)], ['VariantA', 'VariantB'], EXPERIMENT_DEFAULTS, now);
    expect(analysis.control).toBe('VariantA');
    expect(analysis.arms[0].vsControl).toBeUndefined();
    expect(analysis.winner?.arm).toBe('VariantB');
  });
});
