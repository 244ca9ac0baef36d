import { mulberry32 } from '@syncengage/seeded-random';
import { alwaysValidPValues, msprtLikelihoodRatio, naiveZTestPValue, standardNormalCdf, type ConversionCounts } from './sequential-test';

const counts = (conversions: number, customers: number): ConversionCounts => ({ conversions, customers });

describe(msprtLikelihoodRatio.name, () => {
  // Reference values computed independently from the closed form √(V/(V+τ²))·exp(τ²θ²/(2V(V+τ²))).
  it.each([
    { treatment: counts(60, 500), control: counts(40, 500), tau: 0.05, expected: 2.494484738285417 },
    { treatment: counts(150, 1000), control: counts(100, 1000), tau: 0.05, expected: 55.95291042988839 },
    { treatment: counts(50, 500), control: counts(50, 500), tau: 0.05, expected: 0.35478743759344955 },
  ])('$treatment.conversions/$treatment.customers against $control.conversions/$control.customers gives Λ = $expected', ({ treatment, control, tau, expected }) => {
    expect(msprtLikelihoodRatio(treatment, control, tau)).toBeCloseTo(expected, 10);
  });

  it('finds no evidence before anything has varied', () => {
    expect(msprtLikelihoodRatio(counts(0, 100), counts(0, 100), 0.05)).toBe(1);
    expect(msprtLikelihoodRatio(counts(0, 0), counts(3, 10), 0.05)).toBe(1);
  });

  it('is symmetric in the direction of the difference', () => {
    expect(msprtLikelihoodRatio(counts(40, 500), counts(60, 500), 0.05)).toBeCloseTo(msprtLikelihoodRatio(counts(60, 500), counts(40, 500), 0.05), 12);
  });
});

describe(alwaysValidPValues.name, () => {
  it('never rises between looks, even when the evidence weakens', () => {
    const pValues = alwaysValidPValues(
      [
        { treatment: counts(150, 1000), control: counts(100, 1000) },
        { treatment: counts(160, 1200), control: counts(150, 1200) },
      ],
      0.05,
    );
    expect(pValues[0]).toBeCloseTo(0.01787217130113449, 10);
    expect(pValues[1]).toBe(pValues[0]);
  });
});

/** 400 experiments looked at every day for 30 days; each day 60 customers per arm. */
function simulateDailyPeeking(treatmentRate: number, controlRate: number, seed: number) {
  const random = mulberry32(seed);
  let msprtRejections = 0;
  let naiveRejections = 0;
  for (let experiment = 0; experiment < 400; experiment += 1) {
    const treatment = counts(0, 0);
    const control = counts(0, 0);
    const looks: Array<{ treatment: ConversionCounts; control: ConversionCounts }> = [];
    let naiveRejected = false;
    for (let day = 0; day < 30; day += 1) {
      for (let customer = 0; customer < 60; customer += 1) {
        treatment.customers += 1;
        if (random() < treatmentRate) treatment.conversions += 1;
        control.customers += 1;
        if (random() < controlRate) control.conversions += 1;
      }
      looks.push({ treatment: { ...treatment }, control: { ...control } });
      if (naiveZTestPValue(treatment, control) < 0.05) naiveRejected = true;
    }
    if (alwaysValidPValues(looks, 0.05).some((p) => p <= 0.05)) msprtRejections += 1;
    if (naiveRejected) naiveRejections += 1;
  }
  return { msprt: msprtRejections / 400, naive: naiveRejections / 400 };
}

describe('the sequential test under daily peeking', () => {
  it('keeps false positives below α in A/A tests looked at every day, where a z-test read daily does not', () => {
    const { msprt, naive } = simulateDailyPeeking(0.1, 0.1, 7);
    expect(msprt).toBeLessThanOrEqual(0.05);
    expect(naive).toBeGreaterThan(0.1);
  });

  it('still finds a real five-point difference in most experiments', () => {
    expect(simulateDailyPeeking(0.15, 0.1, 11).msprt).toBeGreaterThan(0.8);
  });
});

describe(standardNormalCdf.name, () => {
  it.each([
    [0, 0.5],
    [1.959963984540054, 0.975],
    [-1, 0.15865525393145707],
  ])('Φ(%p) = %p', (z, expected) => {
    expect(standardNormalCdf(z)).toBeCloseTo(expected, 6);
  });
});
