import { logLoss, rocAuc } from '../metrics';
import type { ForestParameters } from './forest-parameters';
import { prepareTraining, trainForest, type TrainedForest, type TrainingData } from './train-forest';

export interface LeafSizeTrial {
  minSamplesLeaf: number;
  oobRocAuc: number;
  oobLogLoss: number;
}

export interface LeafSizeSelection {
  minSamplesLeaf: number;
  trials: LeafSizeTrial[];
}

/**
 * Candidate leaf sizes scale with the data: a fixed 5 rows is a fine leaf on millions of rows and pure noise on a few
 * thousand noisy churn labels. 5 (the usual default) plus 0.05 %–4 % of the rows, never below 5.
 */
export function leafSizeCandidates(sampleCount: number): number[] {
  const sizes = [5, ...[0.0005, 0.002, 0.005, 0.01, 0.02, 0.04].map((share) => Math.round(share * sampleCount))];
  return [...new Set(sizes.filter((size) => size >= 5 && 2 * size <= sampleCount))].sort((a, b) => a - b);
}

/** How one candidate leaf size did out of bag. */
export function leafSizeTrial(minSamplesLeaf: number, trained: TrainedForest, labels: ArrayLike<number>): LeafSizeTrial {
  const probabilities = trained.outOfBag?.probabilities ?? new Float64Array(0);
  const covered = Array.from(probabilities.keys()).filter((i) => !Number.isNaN(probabilities[i]));
  const coveredLabels = covered.map((i) => labels[i]);
  const scores = covered.map((i) => probabilities[i]);
  return { minSamplesLeaf, oobRocAuc: rocAuc(coveredLabels, scores), oobLogLoss: logLoss(coveredLabels, scores) };
}

/** Highest out-of-bag ROC AUC wins; ties go to the larger, smoother leaf. */
export function pickLeafSize(trials: LeafSizeTrial[]): LeafSizeSelection {
  if (trials.length === 0) throw new RangeError('pickLeafSize: no trials');
  const sorted = [...trials].sort((a, b) => a.minSamplesLeaf - b.minSamplesLeaf);
  const best = sorted.reduce((chosen, trial) => (trial.oobRocAuc >= chosen.oobRocAuc ? trial : chosen));
  return { minSamplesLeaf: best.minSamplesLeaf, trials: sorted };
}

export const TRIAL_TREES = 100;

/**
 * Picks min_samples_leaf by out-of-bag ROC AUC on the training data alone, so choosing it never looks at a test
 * set (the protocol's rule: tune on the training cutoff only). Runs in this thread; the CLI runs trials in workers.
 */
export function selectMinSamplesLeaf(data: TrainingData, parameters: Partial<ForestParameters>, options: {
  candidates?: number[];
  trialTrees?: number;
  onTrial?: (done: number, total: number) => void;
} = {}): LeafSizeSelection {
  const candidates = options.candidates ?? leafSizeCandidates(data.rows.length);
  if (candidates.length === 0) throw new RangeError('selectMinSamplesLeaf: no candidate leaf size fits the data');
  const trialTrees = options.trialTrees ?? Math.min(TRIAL_TREES, parameters.trees ?? TRIAL_TREES);
  const prepared = prepareTraining(data, { ...parameters, trees: trialTrees, bootstrap: true });
  const trials = candidates.map((minSamplesLeaf, index) => {
    const trial = leafSizeTrial(minSamplesLeaf, trainForest(prepared, { minSamplesLeaf }), prepared.labels);
    options.onTrial?.(index + 1, candidates.length);
    return trial;
  });
  return pickLeafSize(trials);
}
