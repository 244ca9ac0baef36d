import { rocAuc } from '../metrics';
import { contributions, predictBatch, predictProba } from './flat-forest';
import { mulberry32 } from './prng';
import { trainForest } from './train-forest';

function dataset(seed: number, count: number, label: (x: number[], random: () => number) => number, width = 2): { rows: Float64Array[]; labels: number[] } {
  const random = mulberry32(seed);
  const rows: Float64Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const x = Array.from({ length: width }, () => random());
    rows.push(Float64Array.from(x));
    labels.push(label(x, random));
  }
  return { rows, labels };
}

const xor = (x: number[]): number => ((x[0] > 0.5) !== (x[1] > 0.5) ? 1 : 0);
const accuracyOf = (probabilities: Float64Array, labels: number[]): number =>
  labels.filter((label, i) => (probabilities[i] >= 0.5 ? 1 : 0) === label).length / labels.length;

describe('random forest', () => {
  it('learns XOR, which no single split can separate', () => {
    const train = dataset(1, 2000, xor);
    const test = dataset(2, 1000, xor);
    const { forest } = trainForest(train, { trees: 30, minSamplesLeaf: 1, seed: 3 });
    expect(accuracyOf(predictBatch(forest, test.rows), test.labels)).toBeGreaterThan(0.95);
  });

  it('learns a threshold on the one informative feature among noise and ranks it most important', () => {
    const threshold = (x: number[]): number => (x[2] > 0.3 ? 1 : 0);
    const train = dataset(4, 1500, threshold, 5);
    const test = dataset(5, 500, threshold, 5);
    const model = trainForest(train, { trees: 40, seed: 1 });
    expect(accuracyOf(predictBatch(model.forest, test.rows), test.labels)).toBeGreaterThan(0.97);
    const importances = Array.from(model.featureImportances);
    expect(importances.indexOf(Math.max(...importances))).toBe(2);
    expect(importances.reduce((sum, x) => sum + x, 0)).toBeCloseTo(1, 12);
  });

  it('puts the split between neighbouring values, going left on <=', () => {
    const rows = [0, 1, 2, 3, 10, 11, 12, 13].map((x) => Float64Array.of(x));
    const labels = [0, 0, 0, 0, 1, 1, 1, 1];
    const { forest } = trainForest({ rows, labels }, { trees: 1, bootstrap: false, minSamplesLeaf: 1 });
    expect(forest.threshold[0]).toBe(6.5);
    expect(predictProba(forest, [6.5])).toBe(0);
    expect(predictProba(forest, [6.6])).toBe(1);
  });

  it('builds the same forest from the same data and seed, and a different one from another seed', () => {
    const data = dataset(6, 800, (x, random) => (random() < x[0] ? 1 : 0), 4);
    const a = trainForest(data, { trees: 10, seed: 42 });
    const b = trainForest(data, { trees: 10, seed: 42 });
    const c = trainForest(data, { trees: 10, seed: 43 });
    expect(b.forest).toEqual(a.forest);
    expect(Array.from(b.outOfBag?.probabilities ?? [])).toEqual(Array.from(a.outOfBag?.probabilities ?? []));
    expect(c.forest.threshold).not.toEqual(a.forest.threshold);
  });

  it('gives an out-of-bag estimate close to the score on fresh data', () => {
    const noisy = (x: number[], random: () => number): number => (random() < 0.15 ? 1 - xor(x) : xor(x));
    const train = dataset(7, 3000, noisy);
    const test = dataset(8, 3000, noisy);
    const model = trainForest(train, { trees: 60, seed: 5, minSamplesLeaf: 5 });
    const oob = model.outOfBag;
    expect(oob?.coverage).toBeGreaterThan(0.99);
    const oobAuc = rocAuc(train.labels, oob?.probabilities ?? []);
    const testAuc = rocAuc(test.labels, predictBatch(model.forest, test.rows));
    expect(oobAuc).toBeGreaterThan(0.8);
    expect(Math.abs(oobAuc - testAuc)).toBeLessThan(0.03);
  });

  it('respects max depth and min samples per leaf', () => {
    const data = dataset(9, 500, xor);
    const shallow = trainForest(data, { trees: 3, maxDepth: 1, seed: 1 });
    expect(shallow.forest.feature.length).toBe(9);
    const coarse = trainForest(data, { trees: 1, minSamplesLeaf: 200, bootstrap: false, seed: 1 });
    expect(coarse.forest.feature.length).toBeLessThanOrEqual(3);
  });

  it('shifts probabilities towards the rare class with balanced class weights', () => {
    const rare = (x: number[], random: () => number): number => (random() < 0.1 * x[0] ? 1 : 0);
    const data = dataset(10, 2000, rare);
    const plain = trainForest(data, { trees: 20, seed: 2, minSamplesLeaf: 50 });
    const balanced = trainForest(data, { trees: 20, seed: 2, minSamplesLeaf: 50, classWeight: 'balanced' });
    const mean = (p: Float64Array): number => p.reduce((sum, x) => sum + x, 0) / p.length;
    expect(mean(predictBatch(balanced.forest, data.rows))).toBeGreaterThan(mean(predictBatch(plain.forest, data.rows)) + 0.2);
  });

  it('splits with entropy as well as Gini', () => {
    const train = dataset(11, 1500, xor);
    const { forest } = trainForest(train, { trees: 20, criterion: 'entropy', minSamplesLeaf: 1, seed: 1 });
    expect(accuracyOf(predictBatch(forest, train.rows), train.labels)).toBeGreaterThan(0.97);
  });

  it('explains a prediction as a baseline plus one contribution per feature', () => {
    const data = dataset(12, 600, xor, 3);
    const { forest } = trainForest(data, { trees: 15, seed: 3 });
    const row = data.rows[0];
    const explanation = contributions(forest, row);
    const total = explanation.bias + explanation.contributions.reduce((sum, x) => sum + x, 0);
    expect(total).toBeCloseTo(predictProba(forest, row), 12);
  });

  it('rejects rows of the wrong width and labels other than 0 and 1', () => {
    const { forest } = trainForest(dataset(13, 50, xor), { trees: 2 });
    expect(() => predictProba(forest, [0.5])).toThrow(/takes 2 features/);
    expect(() => trainForest({ rows: [Float64Array.of(1)], labels: [2] })).toThrow(/0 or 1/);
    expect(() => trainForest({ rows: [Float64Array.of(Number.NaN)], labels: [1] })).toThrow(/NaN/);
  });
});
