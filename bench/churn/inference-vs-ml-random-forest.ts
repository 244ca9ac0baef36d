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
  /** Each side predicts its rows again and again for at least this long per round, so both are timed over windows of like length. */
  minRoundSeconds: number;
  seed: number;
}

export interface ForestShape {
  trees: number;
  nodes: number;
  deepestLeaf: number;
  /** Mean number of splits a prediction passes per tree on the timed rows: the work per row and tree. */
  meanPathLength: number;
}

export interface InferenceSide {
  shape: ForestShape;
  /** Per round: rows predicted over wall-clock seconds. */
  rowsPerSecond: number[];
  medianRowsPerSecond: number;
  /** Per round: rows predicted over this process's CPU seconds (user + system), which waiting for a core does not count. */
  rowsPerCpuSecond: number[];
  /** Predictions of all `predictRows` rows per round. */
  passesPerRound: number[];
  holdoutRocAuc: number;
  trainSeconds: number;
}

export interface InferenceComparison {
  trainRows: number;
  predictRows: number;
  minRoundSeconds: number;
  ours: InferenceSide;
  mlRandomForest: InferenceSide;
  /** Median rows/s of ours over median rows/s of ml-random-forest: the judged figure. */
  ratio: number;
  /** Ours over ml-random-forest within each round (the two ran back to back), lowest to highest. */
  roundRatios: number[];
  /** The same ratio on CPU time (median of each side): steadier when other work on the machine takes turns on the cores. */
  cpuRatio: number;
}

/** The parts of ml-cart's tree nodes we read to measure the forest's shape. */
interface MlNode { splitColumn?: number; splitValue?: number; left?: MlNode; right?: MlNode }
interface MlForestInternals { estimators: Array<{ root: MlNode }>; indexes: number[][] }

/**
 * Rows per second of our flat forest against ml-random-forest, both grown on the same rows to the same number of
 * trees and depth, predicting the same held-out rows (the same batch call each side offers: our predictBatch,
 * its predictProbability) in this process. Both are warmed up first; then the rounds alternate between the two
 * so that a burst of load from elsewhere on the machine hits both alike, and in every round each side repeats
 * its prediction until at least `minRoundSeconds` have passed, so that ours (tens of times faster) is not
 * timed over a window so short that one time slice lost to another process decides the figure.
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

  const oursRounds: TimedRound[] = [];
  const mlRounds: TimedRound[] = [];
  for (let round = 0; round < settings.rounds; round++) {
    oursRounds.push(timedRound(predictOurs, predicting.rows.length, settings.minRoundSeconds));
    mlRounds.push(timedRound(predictMl, predicting.rows.length, settings.minRoundSeconds));
  }
  const side = (rounds: TimedRound[], shape: ForestShape, holdoutRocAuc: number, trainSeconds: number): InferenceSide => ({
    shape,
    rowsPerSecond: rounds.map((round) => round.rowsPerSecond),
    medianRowsPerSecond: median(rounds.map((round) => round.rowsPerSecond)),
    rowsPerCpuSecond: rounds.map((round) => round.rowsPerCpuSecond),
    passesPerRound: rounds.map((round) => round.passes),
    holdoutRocAuc,
    trainSeconds,
  });
  const oursSide = side(oursRounds, flatForestShape(ours, predicting.rows), rocAuc(predicting.labels, predictOurs()), oursTrainSeconds);
  const mlSide = side(mlRounds, mlForestShape(ml as unknown as MlForestInternals, predictingArrays), rocAuc(predicting.labels, predictMl()), mlTrainSeconds);
  return {
    trainRows: training.rows.length,
    predictRows: predicting.rows.length,
    minRoundSeconds: settings.minRoundSeconds,
    ours: oursSide,
    mlRandomForest: mlSide,
    ratio: oursSide.medianRowsPerSecond / mlSide.medianRowsPerSecond,
    roundRatios: oursSide.rowsPerSecond.map((rate, round) => rate / mlSide.rowsPerSecond[round]).sort((a, b) => a - b),
    cpuRatio: median(oursSide.rowsPerCpuSecond) / median(mlSide.rowsPerCpuSecond),
  };
}

interface TimedRound { rowsPerSecond: number; rowsPerCpuSecond: number; passes: number }

function timedRound(predict: () => ArrayLike<number>, rowCount: number, minSeconds: number): TimedRound {
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  let passes = 0;
  let seconds = 0;
  do {
    const out = predict();
    if (out.length !== rowCount) throw new Error(`expected ${rowCount} predictions, got ${out.length}`);
    passes++;
    seconds = secondsSince(started);
  } while (seconds < minSeconds);
  const cpu = process.cpuUsage(cpuBefore);
  return { rowsPerSecond: (passes * rowCount) / seconds, rowsPerCpuSecond: (passes * rowCount) / ((cpu.user + cpu.system) / 1e6), passes };
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
