import { RandomForestClassifier } from 'ml-random-forest';
import { rocAuc } from '@syncengage/churn-scorer/dist/domain/metrics';
import { predictBatch, trainForest, type FlatForest } from '@syncengage/churn-scorer/dist/domain/random-forest';
import { sampleRows, type SimulatedFeatureRows } from './simulated-rows';

export interface InferenceSettings {
  trees: number;
  maxDepth: number;
  trainRows: number;
  /** ml-random-forest's per-tree feature share (its default 1.0 = all features, drawn with replacement). */
  mlMaxFeatures: number;
  predictRows: number;
  rounds: number;
  seed: number;
}

export interface ForestShape {
  trees: number;
  nodes: number;
  deepestLeaf: number;
  /** Mean number of splits a prediction passes per tree on the timed rows: the work per row and tree. */
  meanPathLength: number;
}

export interface InferenceComparison {
  trainRows: number;
  predictRows: number;
  ours: { shape: ForestShape; rowsPerSecond: number[]; medianRowsPerSecond: number; holdoutRocAuc: number; trainSeconds: number };
  mlRandomForest: { shape: ForestShape; rowsPerSecond: number[]; medianRowsPerSecond: number; holdoutRocAuc: number; trainSeconds: number };
  /** Median rows/s of ours over median rows/s of ml-random-forest. */
  ratio: number;
  /** Ours over ml-random-forest within each round (the two ran back to back), lowest to highest. */
  roundRatios: number[];
}

/** The parts of ml-cart's tree nodes we read to measure the forest's shape. */
interface MlNode { splitColumn?: number; splitValue?: number; left?: MlNode; right?: MlNode }
interface MlForestInternals { estimators: Array<{ root: MlNode }>; indexes: number[][] }

/**
 * Rows per second of our flat forest against ml-random-forest, both grown on the same rows to the same number of
 * trees and depth, predicting the same held-out rows in this process. The rounds alternate between the two so
 * that a burst of load from elsewhere on the machine hits both alike.
 */
export function compareInference(data: SimulatedFeatureRows, settings: InferenceSettings): InferenceComparison {
  const training = sampleRows(data.train, settings.trainRows, settings.seed);
  const predicting = sampleRows(data.holdout, settings.predictRows, settings.seed + 1);
  const predictingArrays = predicting.rows.map((row) => Array.from(row));

  let started = process.hrtime.bigint();
  // min_samples_leaf 1 and ml-cart's minNumSamples 1 / gainThreshold 0: both grow until max depth or purity.
  const ours = trainForest(training, { trees: settings.trees, maxDepth: settings.maxDepth, minSamplesLeaf: 1, seed: settings.seed }).forest;
  const oursTrainSeconds = secondsSince(started);

  started = process.hrtime.bigint();
  const ml = new RandomForestClassifier({
    nEstimators: settings.trees,
    maxFeatures: settings.mlMaxFeatures,
    seed: settings.seed,
    noOOB: true,
    treeOptions: { maxDepth: settings.maxDepth, minNumSamples: 1, gainThreshold: 0 },
  } as ConstructorParameters<typeof RandomForestClassifier>[0]);
  ml.train(training.rows.map((row) => Array.from(row)), Array.from(training.labels));
  const mlTrainSeconds = secondsSince(started);

  const predictOurs = (): ArrayLike<number> => predictBatch(ours, predicting.rows);
  const predictMl = (): ArrayLike<number> => ml.predictProbability(predictingArrays, 1);
  // Warm-up: let both get optimised before anything is timed.
  for (let round = 0; round < 3; round++) { predictOurs(); predictMl(); }

  const oursRates: number[] = [];
  const mlRates: number[] = [];
  for (let round = 0; round < settings.rounds; round++) {
    oursRates.push(rowsPerSecond(predictOurs, predicting.rows.length));
    mlRates.push(rowsPerSecond(predictMl, predicting.rows.length));
  }
  const oursMedian = median(oursRates);
  const mlMedian = median(mlRates);
  return {
    trainRows: training.rows.length,
    predictRows: predicting.rows.length,
    ours: { shape: flatForestShape(ours, predicting.rows), rowsPerSecond: oursRates, medianRowsPerSecond: oursMedian, holdoutRocAuc: rocAuc(predicting.labels, predictOurs()), trainSeconds: oursTrainSeconds },
    mlRandomForest: { shape: mlForestShape(ml as unknown as MlForestInternals, predictingArrays), rowsPerSecond: mlRates, medianRowsPerSecond: mlMedian, holdoutRocAuc: rocAuc(predicting.labels, predictMl()), trainSeconds: mlTrainSeconds },
    ratio: oursMedian / mlMedian,
    roundRatios: oursRates.map((rate, round) => rate / mlRates[round]).sort((a, b) => a - b),
  };
}

function rowsPerSecond(predict: () => ArrayLike<number>, rowCount: number): number {
  const started = process.hrtime.bigint();
  const out = predict();
  const seconds = secondsSince(started);
  if (out.length !== rowCount) throw new Error(`expected ${rowCount} predictions, got ${out.length}`);
  return rowCount / seconds;
}

function flatForestShape(forest: FlatForest, rows: ReadonlyArray<Float64Array>): ForestShape {
  let deepestLeaf = 0;
  let steps = 0;
  const depthOf = new Int32Array(forest.feature.length);
  for (let node = 0; node < forest.feature.length; node++) {
    if (forest.feature[node] < 0) { deepestLeaf = Math.max(deepestLeaf, depthOf[node]); continue; }
    depthOf[forest.left[node]] = depthOf[node] + 1;
    depthOf[forest.right[node]] = depthOf[node] + 1;
  }
  for (const row of rows) {
    for (const root of forest.roots) {
      let node = root;
      while (forest.feature[node] >= 0) { node = row[forest.feature[node]] <= forest.threshold[node] ? forest.left[node] : forest.right[node]; steps++; }
    }
  }
  return { trees: forest.roots.length, nodes: forest.feature.length, deepestLeaf, meanPathLength: steps / (rows.length * forest.roots.length) };
}

function mlForestShape(forest: MlForestInternals, rows: ReadonlyArray<number[]>): ForestShape {
  let nodes = 0;
  let deepestLeaf = 0;
  const visit = (node: MlNode, depth: number): void => {
    nodes++;
    if (node.left && node.right) { visit(node.left, depth + 1); visit(node.right, depth + 1); } else deepestLeaf = Math.max(deepestLeaf, depth);
  };
  forest.estimators.forEach((tree) => visit(tree.root, 0));
  let steps = 0;
  for (const row of rows) {
    forest.estimators.forEach((tree, index) => {
      // Each ml-random-forest tree sees only its own feature draw: column c of the tree is feature indexes[index][c].
      const columns = forest.indexes[index];
      let node = tree.root;
      while (node.left && node.right) { node = row[columns[node.splitColumn as number]] < (node.splitValue as number) ? node.left : node.right; steps++; }
    });
  }
  return { trees: forest.estimators.length, nodes, deepestLeaf, meanPathLength: steps / (rows.length * forest.estimators.length) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}
