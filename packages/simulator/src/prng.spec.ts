import { deriveSeed, mulberry32 } from './prng';

describe('mulberry32', () => {
  it('gives the same stream for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });

  it('stays within [0, 1) and averages one half', () => {
    const random = mulberry32(1);
    const draws = Array.from({ length: 20_000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((sum, x) => sum + x, 0) / draws.length).toBeCloseTo(0.5, 2);
  });
});

describe('deriveSeed', () => {
  it('gives each key its own seed and is stable', () => {
    expect(deriveSeed(7, 1)).toBe(deriveSeed(7, 1));
    expect(deriveSeed(7, 1)).not.toBe(deriveSeed(7, 2));
    expect(deriveSeed(7, 1)).not.toBe(deriveSeed(8, 1));
  });
});
