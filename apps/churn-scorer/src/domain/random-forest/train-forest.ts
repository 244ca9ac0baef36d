import { binColumn, type BinnedColumn } from './binning';
import { packTrees, type FlatForest } from './flat-forest';
import { featuresPerSplit, resolveParameters, type ForestParameters } from './forest-parameters';
import { mulberry32, randomInt, treeSeed } from './prng';
import { growTree, type GrownTree } from './tree-builder';

export interface TrainingData {
  /** One feature vector per sample, all the same length. */
  rows: ReadonlyArray<ArrayLike<number>>;
  /** 1 = positive class (churned), 0 = negative. */
  labels: ArrayLike<number>;
}

/** Everything the trees share, computed once; a worker can receive it and grow any subset of trees. */
export interface PreparedTraining {
  parameters: ForestParameters;
  featureCount: number;
  columns: Float64Array[];
  binned: BinnedColumn[];
  labels: Uint8Array;
  classWeights: [number, number];
}

export interface GrownForestTree {
  tree: GrownTree;
  /** Rows left out of this tree's bootstrap sample. */
  outOfBagRows: Int32Array;
}

export interface OutOfBagEstimate {
  /** Mean prediction of the trees that did not see each row; NaN for a row that was in every bootstrap sample. */
  probabilities: Float64Array;
  /** Share of rows with at least one out-of-bag prediction. */
  coverage: number;
}

export interface TrainedForest {
  forest: FlatForest;
  parameters: ForestParameters;
  /** Mean impurity decrease per feature, normalised per tree and then overall; sums to 1 (all 0 if no split). */
  featureImportances: Float64Array;
  outOfBag: OutOfBagEstimate | null;
}

export function prepareTraining(data: TrainingData, overrides: Partial<ForestParameters> = {}): PreparedTraining {
  const parameters = resolveParameters(overrides);
  const sampleCount = data.rows.length;
  if (sampleCount === 0 || data.labels.length !== sampleCount) {
    throw new RangeError(`need at least one row and one label per row, got ${sampleCount} rows and ${data.labels.length} labels`);
  }
  const featureCount = data.rows[0].length;
  const columns = Array.from({ length: featureCount }, () => new Float64Array(sampleCount));
  const labels = new Uint8Array(sampleCount);
  let positives = 0;
  for (let i = 0; i < sampleCount; i++) {
    const row = data.rows[i];
    if (row.length !== featureCount) throw new RangeError(`row ${i} has ${row.length} features, row 0 has ${featureCount}`);
    for (let f = 0; f < featureCount; f++) columns[f][i] = row[f];
    const label = data.labels[i];
    if (label !== 0 && label !== 1) throw new RangeError(`labels must be 0 or 1, row ${i} has ${label}`);
    labels[i] = label;
    positives += label;
  }
  return {
    parameters,
    featureCount,
    columns,
    binned: columns.map((column) => binColumn(column, parameters.maxBins)),
    labels,
    classWeights: classWeightsOf(parameters, sampleCount, positives),
  };
}

/**
 * The same prepared data under other settings (e.g. another leaf size while tuning): the binning is reused unless
 * maxBins changes, which is most of the preparation time on large data.
 */
export function withParameters(prepared: PreparedTraining, overrides: Partial<ForestParameters>): PreparedTraining {
  const parameters = resolveParameters({ ...prepared.parameters, ...overrides });
  const positives = prepared.labels.reduce((sum, label) => sum + label, 0);
  return {
    ...prepared,
    parameters,
    binned: parameters.maxBins === prepared.parameters.maxBins ? prepared.binned : prepared.columns.map((column) => binColumn(column, parameters.maxBins)),
    classWeights: classWeightsOf(parameters, prepared.labels.length, positives),
  };
}

/** Grows tree `index` of the forest; depends only on the prepared data, the seed and the index. */
export function growForestTree(prepared: PreparedTraining, index: number): GrownForestTree {
  const { parameters, labels, classWeights } = prepared;
  const sampleCount = labels.length;
  const random = mulberry32(treeSeed(parameters.seed, index));
  const counts = new Int32Array(sampleCount);
  if (parameters.bootstrap) for (let draw = 0; draw < sampleCount; draw++) counts[randomInt(random, sampleCount)]++;
  else counts.fill(1);

  const inBag: number[] = [];
  const outOfBag: number[] = [];
  const weights = new Float64Array(sampleCount);
  for (let i = 0; i < sampleCount; i++) {
    if (counts[i] === 0) { outOfBag.push(i); continue; }
    inBag.push(i);
    weights[i] = counts[i] * classWeights[labels[i]];
  }
  const tree = growTree(prepared.binned, labels, Int32Array.from(inBag), weights, {
    maxDepth: parameters.maxDepth ?? Number.MAX_SAFE_INTEGER,
    minSamplesLeaf: parameters.minSamplesLeaf,
    minSamplesSplit: parameters.minSamplesSplit,
    featuresPerSplit: featuresPerSplit(parameters.maxFeatures, prepared.featureCount),
    criterion: parameters.criterion,
  }, random);
  return { tree, outOfBagRows: Int32Array.from(outOfBag) };
}

/** Packs grown trees (in index order) into the flat forest and derives importances and the out-of-bag estimate. */
export function assembleForest(prepared: PreparedTraining, grown: ReadonlyArray<GrownForestTree>): TrainedForest {
  const trees = grown.map((entry) => entry.tree);
  return {
    forest: packTrees(trees, prepared.featureCount),
    parameters: prepared.parameters,
    featureImportances: importancesOf(trees, prepared.featureCount),
    outOfBag: prepared.parameters.bootstrap ? outOfBagEstimate(prepared, grown) : null,
  };
}

/** Trains the whole forest in this thread; `onTreeGrown` lets a caller draw progress. Same data + seed → same forest. */
export function trainForest(data: TrainingData | PreparedTraining, overrides: Partial<ForestParameters> = {},
  onTreeGrown?: (grownTrees: number, totalTrees: number) => void): TrainedForest {
  const prepared = 'binned' in data ? withParameters(data, overrides) : prepareTraining(data, overrides);
  const total = prepared.parameters.trees;
  const grown: GrownForestTree[] = [];
  for (let index = 0; index < total; index++) {
    grown.push(growForestTree(prepared, index));
    onTreeGrown?.(index + 1, total);
  }
  return assembleForest(prepared, grown);
}

function classWeightsOf(parameters: ForestParameters, sampleCount: number, positives: number): [number, number] {
  const { classWeight } = parameters;
  if (classWeight === 'none') return [1, 1];
  if (classWeight === 'balanced') {
    const negatives = sampleCount - positives;
    return [negatives > 0 ? sampleCount / (2 * negatives) : 1, positives > 0 ? sampleCount / (2 * positives) : 1];
  }
  return [classWeight.negative, classWeight.positive];
}

function importancesOf(trees: ReadonlyArray<GrownTree>, featureCount: number): Float64Array {
  const total = new Float64Array(featureCount);
  for (const tree of trees) {
    const treeSum = tree.importance.reduce((sum, value) => sum + value, 0);
    if (treeSum <= 0) continue;
    for (let f = 0; f < featureCount; f++) total[f] += tree.importance[f] / treeSum;
  }
  const sum = total.reduce((acc, value) => acc + value, 0);
  return sum > 0 ? total.map((value) => value / sum) : total;
}

function outOfBagEstimate(prepared: PreparedTraining, grown: ReadonlyArray<GrownForestTree>): OutOfBagEstimate {
  const sampleCount = prepared.labels.length;
  const sums = new Float64Array(sampleCount);
  const votes = new Int32Array(sampleCount);
  for (const { tree, outOfBagRows } of grown) {
    for (const row of outOfBagRows) {
      let node = 0;
      while (tree.feature[node] >= 0) {
        node = prepared.columns[tree.feature[node]][row] <= tree.threshold[node] ? node + 1 : tree.right[node];
      }
      sums[row] += tree.value[node];
      votes[row]++;
    }
  }
  let covered = 0;
  const probabilities = new Float64Array(sampleCount);
  for (let i = 0; i < sampleCount; i++) {
    probabilities[i] = votes[i] > 0 ? sums[i] / votes[i] : Number.NaN;
    if (votes[i] > 0) covered++;
  }
  return { probabilities, coverage: covered / sampleCount };
}
