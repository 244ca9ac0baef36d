import { DEFAULT_FOREST_PARAMETERS, featuresPerSplit, resolveParameters } from './forest-parameters';

describe('forest parameters', () => {
  it.each([
    { maxFeatures: 'sqrt' as const, count: 24, expected: 4 },
    { maxFeatures: 'log2' as const, count: 24, expected: 4 },
    { maxFeatures: 'all' as const, count: 24, expected: 24 },
    { maxFeatures: 0.5, count: 24, expected: 12 },
    { maxFeatures: 7, count: 24, expected: 7 },
    { maxFeatures: 99, count: 4, expected: 4 },
  ])('max_features $maxFeatures of $count features tries $expected per split', ({ maxFeatures, count, expected }) => {
    expect(featuresPerSplit(maxFeatures, count)).toBe(expected);
  });

  it('fills what is not given with the defaults', () => {
    expect(resolveParameters({ trees: 10, minSamplesLeaf: undefined })).toEqual({ ...DEFAULT_FOREST_PARAMETERS, trees: 10 });
  });

  it('names every invalid setting at once', () => {
    expect(() => resolveParameters({ trees: 0, minSamplesLeaf: 1.5, maxBins: 1 })).toThrow(/trees must be .*minSamplesLeaf must be .*maxBins must be/);
  });
});
