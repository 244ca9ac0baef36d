import { binColumn, binOf } from './binning';

describe('binColumn', () => {
  it('gives each distinct value its own bin when there are few, with midpoints between them', () => {
    const { codes, thresholds } = binColumn(Float64Array.of(3, 1, 2, 1, 3), 256);
    expect(Array.from(thresholds)).toEqual([1.5, 2.5]);
    expect(Array.from(codes)).toEqual([2, 0, 1, 0, 2]);
  });

  it('cuts many distinct values into about equal-frequency bins without splitting ties', () => {
    const values = Float64Array.from({ length: 10_000 }, (_, i) => (i < 5000 ? 0 : i));
    const { codes, thresholds } = binColumn(values, 16);
    expect(thresholds.length).toBeLessThanOrEqual(15);
    expect(new Set(Array.from(codes.subarray(0, 5000)))).toEqual(new Set([0]));
    const counts = new Map<number, number>();
    for (const code of codes.subarray(5000)) counts.set(code, (counts.get(code) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThan(1000);
  });

  it('agrees with the thresholds: a value goes to the first bin whose upper cut it does not exceed', () => {
    const thresholds = Float64Array.of(1.5, 2.5);
    expect([0, 1.5, 1.6, 2.5, 9].map((x) => binOf(x, thresholds))).toEqual([0, 0, 1, 1, 2]);
  });
});
