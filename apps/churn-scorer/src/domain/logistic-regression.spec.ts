import { fitLogistic, predictLogistic } from './logistic-regression';
import { mulberry32 } from './random-forest/prng';

describe('fitLogistic', () => {
  it('recovers the coefficients that generated the labels', () => {
    const random = mulberry32(9);
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const value = random() * 6 - 3;
      x.push(value);
      y.push(random() < 1 / (1 + Math.exp(-(0.5 + 1.5 * value))) ? 1 : 0);
    }
    const fit = fitLogistic(x, y, 1e-9);
    expect(fit.intercept).toBeCloseTo(0.5, 1);
    expect(fit.slope).toBeCloseTo(1.5, 1);
    expect(predictLogistic(fit, 0)).toBeCloseTo(1 / (1 + Math.exp(-fit.intercept)), 12);
  });

  it('stays finite on separable data thanks to the L2 penalty', () => {
    const fit = fitLogistic([0, 1, 2, 3], [0, 0, 1, 1]);
    expect(Number.isFinite(fit.slope)).toBe(true);
    expect(predictLogistic(fit, 3)).toBeGreaterThan(predictLogistic(fit, 0));
  });
});
