import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeForest, parseModelArtifact } from '../model-artifact';
import { compileForest, walkRow } from './compiled-forest';
import { leafOf, packTrees, predictBatch, predictProba, type FlatForest } from './flat-forest';
import { mulberry32, type Random } from './prng';
import type { GrownTree } from './tree-builder';

/** The branching walk over the flat arrays, summed as the scorer always has: the reference for every bit. */
function flatProba(forest: FlatForest, row: ArrayLike<number>): number {
  let sum = 0;
  for (let tree = 0; tree < forest.roots.length; tree++) sum += forest.value[leafOf(forest, forest.roots[tree], row)];
  return sum / forest.roots.length;
}

// Few distinct thresholds, so that rows can hit them exactly (x equal to t goes left).
const THRESHOLDS = [-1e300, -2.5, -0, 0.1, 0.5, 1 / 3, 7, 1e-300, 2 ** 53];

/** A random tree in preorder with splits down to `maxDepth`, leaves that may stop early, values in 0..1. */
function randomTree(random: Random, featureCount: number, maxDepth: number): GrownTree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const grow = (depth: number): void => {
    const at = feature.length;
    value.push(Math.fround(random()));
    if (depth === maxDepth || random() < 0.2) {
      feature.push(-1); threshold.push(0); right.push(-1);
      return;
    }
    feature.push(Math.floor(random() * featureCount));
    threshold.push(THRESHOLDS[Math.floor(random() * THRESHOLDS.length)] + (random() < 0.5 ? 0 : random()));
    right.push(-1);
    grow(depth + 1);
    right[at] = feature.length;
    grow(depth + 1);
  };
  grow(0);
  return { feature: Int32Array.from(feature), threshold: Float64Array.from(threshold), right: Int32Array.from(right), value: Float64Array.from(value), importance: new Float64Array(featureCount) };
}

function randomForest(seed: number, trees: number, featureCount: number, maxDepth: number): FlatForest {
  const random = mulberry32(seed);
  return packTrees(Array.from({ length: trees }, () => randomTree(random, featureCount, maxDepth)), featureCount);
}

/** Rows mixing plain values, the forest's own thresholds (ties), NaN, infinities and both zeros. */
function randomRows(seed: number, forest: FlatForest, count: number): Float64Array[] {
  const random = mulberry32(seed);
  const special = [Number.NaN, Infinity, -Infinity, 0, -0, Number.MAX_VALUE, Number.MIN_VALUE];
  const pick = (): number => {
    const roll = random();
    if (roll < 0.4) return forest.threshold[Math.floor(random() * forest.threshold.length)];
    if (roll < 0.55) return special[Math.floor(random() * special.length)];
    return (random() - 0.5) * 20;
  };
  return Array.from({ length: count }, () => Float64Array.from({ length: forest.featureCount }, pick));
}

describe('compiled forest', () => {
  it.each([
    { seed: 1, trees: 1, features: 1, depth: 3 },
    { seed: 2, trees: 7, features: 3, depth: 6 },
    { seed: 3, trees: 8, features: 5, depth: 1 },
    { seed: 4, trees: 33, features: 24, depth: 10 },
    { seed: 5, trees: 100, features: 32, depth: 14 },
    { seed: 6, trees: 9, features: 33, depth: 20 },
  ])('scores $trees random trees of depth <= $depth on $features features to the same bits as the flat walk', ({ seed, trees, features, depth }) => {
    const forest = randomForest(seed, trees, features, depth);
    const compiled = compileForest(forest);
    const rows = randomRows(seed + 100, forest, 400);
    const batch = predictBatch(forest, rows);
    rows.forEach((row, i) => {
      const expected = flatProba(forest, row);
      expect(Object.is(walkRow(compiled, row), expected)).toBe(true);
      expect(Object.is(predictProba(forest, row), expected)).toBe(true);
      expect(Object.is(predictProba(forest, Array.from(row)), expected)).toBe(true);
      expect(Object.is(batch[i], expected)).toBe(true);
    });
  });

  it('scores the bundled model to the same bits as the flat walk', () => {
    const artifact = parseModelArtifact(JSON.parse(readFileSync(resolve(__dirname, '../../../models/default-model.json'), 'utf8')));
    const forest = decodeForest(artifact.forest);
    const compiled = compileForest(forest);
    for (const row of randomRows(8, forest, 300)) expect(Object.is(walkRow(compiled, row), flatProba(forest, row))).toBe(true);
  });

  it('sends a value equal to the threshold left and NaN right', () => {
    const stump: GrownTree = {
      feature: Int32Array.of(0, -1, -1), threshold: Float64Array.of(0.5, 0, 0), right: Int32Array.of(2, -1, -1),
      value: Float64Array.of(0.5, 0.25, 0.75), importance: new Float64Array(1),
    };
    const forest = packTrees([stump], 1);
    const compiled = compileForest(forest);
    expect(walkRow(compiled, Float64Array.of(0.5))).toBe(0.25);
    expect(walkRow(compiled, Float64Array.of(0.5000000000000001))).toBe(0.75);
    expect(walkRow(compiled, Float64Array.of(Number.NaN))).toBe(0.75);
    expect(walkRow(compiled, Float64Array.of(-Infinity))).toBe(0.25);
  });

  it('refuses a forest whose children do not follow their parent', () => {
    const forest = randomForest(7, 2, 3, 4);
    const broken = { ...forest, right: forest.right.map((child, node) => (child > 0 ? node : child)) };
    expect(() => compileForest(broken)).toThrow(/not in preorder/);
  });
});
