import { createBlockWalker, type BlockWalker } from './block-walk';
import { compileForest, walkRow, type CompiledForest } from './compiled-forest';
import type { GrownTree } from './tree-builder';

/**
 * All trees of a forest in one set of typed arrays (structure of arrays). Scoring a row walks integer indices
 * through a few contiguous buffers: no object per node, nothing for the garbage collector, and the layout is
 * what the model artifact stores.
 */
export interface FlatForest {
  featureCount: number;
  /** Index of each tree's root node. */
  roots: Int32Array;
  /** Split feature of each node; −1 marks a leaf. */
  feature: Int32Array;
  /** Go to left[i] when x[feature[i]] <= threshold[i], else right[i] (a NaN goes right). */
  threshold: Float64Array;
  /** Always i + 1 for an inner node (preorder); kept for the artifact code, the walks use i + 1. */
  left: Int32Array;
  right: Int32Array;
  /** Probability of churn at each node (leaves give the prediction; inner nodes serve explanations). */
  value: Float64Array;
}

export function packTrees(trees: ReadonlyArray<GrownTree>, featureCount: number): FlatForest {
  const nodeCount = trees.reduce((sum, tree) => sum + tree.feature.length, 0);
  const forest: FlatForest = {
    featureCount,
    roots: new Int32Array(trees.length),
    feature: new Int32Array(nodeCount),
    threshold: new Float64Array(nodeCount),
    left: new Int32Array(nodeCount),
    right: new Int32Array(nodeCount),
    value: new Float64Array(nodeCount),
  };
  let offset = 0;
  trees.forEach((tree, treeIndex) => {
    forest.roots[treeIndex] = offset;
    for (let node = 0; node < tree.feature.length; node++) {
      const at = offset + node;
      const isLeaf = tree.feature[node] < 0;
      forest.feature[at] = tree.feature[node];
      forest.threshold[at] = tree.threshold[node];
      forest.left[at] = isLeaf ? -1 : at + 1;
      forest.right[at] = isLeaf ? -1 : offset + tree.right[node];
      forest.value[at] = tree.value[node];
    }
    offset += tree.feature.length;
  });
  return forest;
}

export function treeCount(forest: FlatForest): number {
  return forest.roots.length;
}

/** Index of the leaf that `row` reaches in the tree rooted at `root`. */
export function leafOf(forest: FlatForest, root: number, row: ArrayLike<number>): number {
  const { feature, threshold, right } = forest;
  let node = root;
  while (feature[node] >= 0) node = row[feature[node]] <= threshold[node] ? node + 1 : right[node];
  return node;
}

// Scoring goes through the compiled layout, built on first use and kept as long as the forest object lives.
// A forest is never changed after packTrees or decodeForest, so the copy cannot go stale.
const compiledForests = new WeakMap<FlatForest, CompiledForest>();

function compiledOf(forest: FlatForest): CompiledForest {
  let compiled = compiledForests.get(forest);
  if (!compiled) compiledForests.set(forest, (compiled = compileForest(forest)));
  return compiled;
}

/**
 * Mean over trees of the leaf's churn share: the forest's probability of churn for one row. Bit for bit what
 * walking the flat arrays gives (compiled-forest.spec.ts); a row that is not a Float64Array is copied into one.
 */
export function predictProba(forest: FlatForest, row: ArrayLike<number>): number {
  assertWidth(forest, row);
  return walkRow(compiledOf(forest), asFloat64(row));
}

// Batches go through the block walk, built once per forest like the compiled layout (it copies that layout into
// its own WebAssembly memory).
const batchWalkers = new WeakMap<FlatForest, BlockWalker>();

function batchWalkerOf(forest: FlatForest): BlockWalker {
  let walker = batchWalkers.get(forest);
  if (!walker) {
    const compiled = compiledOf(forest);
    walker = createBlockWalker(compiled) ?? ((rows, out) => { for (let i = 0; i < rows.length; i++) out[i] = walkRow(compiled, asFloat64(rows[i])); });
    batchWalkers.set(forest, walker);
  }
  return walker;
}

/** predictProba of every row, to the same bits, walked tree by tree over blocks of rows (block-walk.ts). */
export function predictBatch(forest: FlatForest, rows: ReadonlyArray<ArrayLike<number>>): Float64Array {
  for (const row of rows) assertWidth(forest, row);
  const out = new Float64Array(rows.length);
  batchWalkerOf(forest)(rows, out);
  return out;
}

/** Loads from one element kind stay monomorphic; ToNumber here is what `<=` would have applied to each value. */
export function asFloat64(row: ArrayLike<number>): Float64Array {
  return row instanceof Float64Array ? row : Float64Array.from(row);
}

/**
 * Per-feature contributions to the prediction (Saabas): along each path, the change in node value at a split is
 * credited to the split's feature. bias + Σ contributions = predictProba(row).
 */
export function contributions(forest: FlatForest, row: ArrayLike<number>): { bias: number; contributions: Float64Array } {
  assertWidth(forest, row);
  const { roots, feature, threshold, right, value } = forest;
  const result = new Float64Array(forest.featureCount);
  let bias = 0;
  for (let tree = 0; tree < roots.length; tree++) {
    let node = roots[tree];
    bias += value[node];
    while (feature[node] >= 0) {
      const next = row[feature[node]] <= threshold[node] ? node + 1 : right[node];
      result[feature[node]] += value[next] - value[node];
      node = next;
    }
  }
  for (let i = 0; i < result.length; i++) result[i] /= roots.length;
  return { bias: bias / roots.length, contributions: result };
}

function assertWidth(forest: FlatForest, row: ArrayLike<number>): void {
  if (row.length !== forest.featureCount) {
    throw new RangeError(`the forest takes ${forest.featureCount} features, got a row of ${row.length}`);
  }
}
