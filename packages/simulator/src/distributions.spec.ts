import { beta, gamma, logNormal, poisson } from './distributions';
import { mulberry32 } from './prng';

const mean = (values: number[]): number => values.reduce((sum, x) => sum + x, 0) / values.length;
const draw = (count: number, sample: () => number): number[] => Array.from({ length: count }, sample);

describe('distributions', () => {
  it.each([
    { shape: 0.5, scale: 2 },
    { shape: 1, scale: 10 },
    { shape: 4, scale: 0.5 },
  ])('gamma($shape, $scale) has mean shape × scale', ({ shape, scale }) => {
    const random = mulberry32(3);
    expect(mean(draw(40_000, () => gamma(random, shape, scale))) / (shape * scale)).toBeCloseTo(1, 1);
  });

  it('beta(a, b) has mean a / (a + b)', () => {
    const random = mulberry32(4);
    expect(mean(draw(40_000, () => beta(random, 2, 6)))).toBeCloseTo(0.25, 2);
  });

  it('poisson(m) has mean m', () => {
    const random = mulberry32(5);
    expect(mean(draw(40_000, () => poisson(random, 1.7)))).toBeCloseTo(1.7, 1);
  });

  it('logNormal has the requested median', () => {
    const random = mulberry32(6);
    const sorted = draw(40_001, () => logNormal(random, 40, 0.7)).sort((a, b) => a - b);
    expect(sorted[20_000]).toBeGreaterThan(38);
    expect(sorted[20_000]).toBeLessThan(42);
  });
});
