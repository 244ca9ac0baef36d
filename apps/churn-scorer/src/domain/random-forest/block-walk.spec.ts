import { createBlockWalker } from './block-walk';
import { compileForest, walkRow } from './compiled-forest';
import { leafOf, packTrees, predictBatch, type FlatForest } from './flat-forest';
import { mulberry32 } from './prng';
import { trainForest } from './train-forest';

/** The branching walk over the flat arrays, one tree after another: the reference for every bit. */
function referenceProba(forest: FlatForest, row: ArrayLike<number>): number {
  let sum = 0;
  for (let tree = 0; tree < forest.roots.length; tree++) sum += forest.value[leafOf(forest, forest.roots[tree], row)];
  return sum / forest.roots.length;
}

/** Rows of `width` features with churn odds rising with the first two, some values repeated so splits tie. */
function labelledRows(seed: number, count: number, width: number): { rows: Float64Array[]; labels: number[] } {
  const random = mulberry32(seed);
  const rows = Array.from({ length: count }, () => Float64Array.from({ length: width }, (_, f) => (f % 3 === 0 ? Math.round(random() * 20) : random() * 100)));
  const labels = rows.map((row) => (random() < (row[0] / 20 + row[1] / 100) / 2 ? 1 : 0));
  return { rows, labels };
}

function blockWalkerOf(forest: FlatForest) {
  const walker = createBlockWalker(compileForest(forest));
  if (!walker) throw new Error('expected WebAssembly on this host');
  return walker;
}

const bitsDiffer = (actual: ArrayLike<number>, expected: readonly number[]): number[] =>
  expected.flatMap((value, i) => (Object.is(actual[i], value) ? [] : [i]));

describe('block walk', () => {
  it.each([
    { name: 'depth 10 (the bench forest shape), min leaf 1', maxDepth: 10, minSamplesLeaf: 1 },
    { name: 'unlimited depth, min leaf 5 (the CLI defaults)', maxDepth: null, minSamplesLeaf: 5 },
    { name: 'stumps', maxDepth: 1, minSamplesLeaf: 1 },
  ])('gives a trained forest the same probabilities, to the bit, as the reference tree walk: $name', ({ maxDepth, minSamplesLeaf }) => {
    const train = labelledRows(1, 3000, 24);
    const { forest } = trainForest(train, { trees: 37, maxDepth, minSamplesLeaf, seed: 5 });
    // 1003 rows: 15 full blocks of 64, then 43 rows (five groups of eight and three rows of a sixth).
    const rows = labelledRows(2, 1003, 24).rows;
    const expected = rows.map((row) => referenceProba(forest, row));
    const walked = new Float64Array(rows.length);
    blockWalkerOf(forest)(rows, walked);
    expect(bitsDiffer(walked, expected)).toEqual([]);
    expect(bitsDiffer(predictBatch(forest, rows), expected)).toEqual([]);
    const compiled = compileForest(forest);
    expect(bitsDiffer(rows.map((row) => walkRow(compiled, row)), expected)).toEqual([]);
  });

  it('scores batches of any length, reusing its block without carrying rows over from the last call', () => {
    const { forest } = trainForest(labelledRows(3, 1000, 5), { trees: 9, maxDepth: 6, seed: 1 });
    const walker = blockWalkerOf(forest);
    const rows = labelledRows(4, 200, 5).rows;
    for (const count of [70, 0, 1, 7, 8, 9, 64, 65, 3, 200]) {
      const batch = rows.slice(200 - count);
      const out = new Float64Array(count);
      walker(batch, out);
      expect(bitsDiffer(out, batch.map((row) => referenceProba(forest, row)))).toEqual([]);
    }
  });

  it('reads rows that are plain arrays, NaN going right and a value equal to the threshold left', () => {
    const stump = {
      feature: Int32Array.of(1, -1, -1), threshold: Float64Array.of(0.5, 0, 0), right: Int32Array.of(2, -1, -1),
      value: Float64Array.of(0.5, 0.25, 0.75), importance: new Float64Array(2),
    };
    const leafOnly = { feature: Int32Array.of(-1), threshold: Float64Array.of(0), right: Int32Array.of(-1), value: Float64Array.of(0.125), importance: new Float64Array(2) };
    const forest = packTrees([stump, leafOnly], 2);
    const out = new Float64Array(4);
    blockWalkerOf(forest)([[9, 0.5], [9, Number.NaN], [9, 0.5000000000000001], [9, -Infinity]], out);
    expect(Array.from(out)).toEqual([(0.25 + 0.125) / 2, (0.75 + 0.125) / 2, (0.75 + 0.125) / 2, (0.25 + 0.125) / 2]);
  });
});
