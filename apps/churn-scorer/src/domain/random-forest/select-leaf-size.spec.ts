import { mulberry32 } from './prng';
import { leafSizeCandidates, pickLeafSize, selectMinSamplesLeaf } from './select-leaf-size';
import { prepareTraining, trainForest, withParameters } from './train-forest';

describe('leaf size selection', () => {
  it('scales the candidates with the number of rows', () => {
    expect(leafSizeCandidates(2821)).toEqual([5, 6, 14, 28, 56, 113]);
    expect(leafSizeCandidates(100_000)).toEqual([5, 50, 200, 500, 1000, 2000, 4000]);
    expect(leafSizeCandidates(8)).toEqual([]);
  });

  it('picks the best out-of-bag ROC AUC, the larger leaf on a tie', () => {
    expect(pickLeafSize([
      { minSamplesLeaf: 5, oobRocAuc: 0.70, oobLogLoss: 0.7 },
      { minSamplesLeaf: 50, oobRocAuc: 0.74, oobLogLoss: 0.6 },
      { minSamplesLeaf: 20, oobRocAuc: 0.74, oobLogLoss: 0.6 },
    ]).minSamplesLeaf).toBe(50);
  });

  it('prefers larger leaves when labels are mostly noise', () => {
    const random = mulberry32(21);
    const rows: Float64Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const row = Float64Array.from({ length: 4 }, () => random());
      rows.push(row);
      labels.push(random() < 0.35 + 0.3 * row[0] ? 1 : 0);
    }
    const selection = selectMinSamplesLeaf({ rows, labels }, { seed: 1 }, { trialTrees: 30 });
    expect(selection.trials).toHaveLength(6);
    expect(selection.minSamplesLeaf).toBeGreaterThanOrEqual(30);
  });

  it('reuses the prepared binning for other settings and trains the same forest as from raw rows', () => {
    const random = mulberry32(3);
    const rows = Array.from({ length: 300 }, () => Float64Array.from({ length: 3 }, () => random()));
    const labels = rows.map((row) => (row[1] > 0.5 ? 1 : 0));
    const prepared = prepareTraining({ rows, labels }, { trees: 5, seed: 9 });
    const variant = withParameters(prepared, { minSamplesLeaf: 20 });
    expect(variant.binned).toBe(prepared.binned);
    expect(trainForest(prepared, { minSamplesLeaf: 20 }).forest).toEqual(trainForest({ rows, labels }, { trees: 5, seed: 9, minSamplesLeaf: 20 }).forest);
  });
});
