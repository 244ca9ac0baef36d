import { applyCalibration, fitCalibration, type Calibration, type CalibrationMethod } from './calibration';
import { formatDay } from './calendar-day';
import { FEATURE_NAMES, FEATURE_SET_VERSION } from './features';
import { accuracy, brierScore, logLoss, positiveRate, rocAuc } from './metrics';
import { MODEL_FORMAT_VERSION, MODEL_KIND, encodeForest, modelVersionOf, type ModelArtifact } from './model-artifact';
import { trainForest, type ForestParameters, type TrainedForest } from './random-forest';
import type { Snapshot } from './training-snapshot';

export interface ChurnTrainingInput {
  snapshot: Snapshot;
  parameters: Partial<ForestParameters>;
  calibration: CalibrationMethod | 'none';
  /** Hash of the training log, computed by the caller (the domain does no I/O). */
  dataSha256: string;
  source: string;
  createdAt: Date;
  /** Hash over data, features and parameters, computed by the caller; its first 8 hex digits go in modelVersion. */
  fingerprintHex: string;
  onTreeGrown?: (grownTrees: number, totalTrees: number) => void;
}

export interface TrainedChurnModel {
  artifact: ModelArtifact;
  trained: TrainedForest;
}

/** Trains the forest on a snapshot in this thread, then describes it as an artifact (see churnModelArtifact). */
export function trainChurnModel(input: ChurnTrainingInput): TrainedChurnModel {
  const trained = trainForest({ rows: input.snapshot.rows, labels: input.snapshot.labels }, input.parameters, input.onTreeGrown);
  return { artifact: churnModelArtifact({ ...input, trained }), trained };
}

export type ChurnArtifactInput = Omit<ChurnTrainingInput, 'parameters' | 'onTreeGrown'> & { trained: TrainedForest };

/**
 * Calibrates a forest trained on the snapshot (any way: this thread or workers) on its out-of-bag predictions and
 * describes it as an artifact.
 */
export function churnModelArtifact(input: ChurnArtifactInput): ModelArtifact {
  const { snapshot, trained } = input;
  const metrics: Record<string, number> = { trainPositiveRate: positiveRate(snapshot.labels) };
  let calibration: Calibration | null = null;
  const outOfBag = outOfBagScores(trained, snapshot.labels);
  if (outOfBag) {
    const { labels, scores } = outOfBag;
    Object.assign(metrics, {
      oobCoverage: trained.outOfBag?.coverage ?? 0,
      oobRocAuc: rocAuc(labels, scores),
      oobAccuracy: accuracy(labels, scores),
      oobBrier: brierScore(labels, scores),
      oobLogLoss: logLoss(labels, scores),
    });
    if (input.calibration !== 'none') {
      calibration = fitCalibration(input.calibration, scores, labels);
      const calibrated = scores.map((score) => applyCalibration(calibration, score));
      // In-sample for the calibrator (it saw these labels), so an optimistic figure; evaluate.ts measures it honestly.
      Object.assign(metrics, { oobCalibratedBrier: brierScore(labels, calibrated), oobCalibratedLogLoss: logLoss(labels, calibrated) });
    }
  }
  const featureImportances = Object.fromEntries(FEATURE_NAMES.map((name, index) => [name, trained.featureImportances[index]]));
  const artifact: ModelArtifact = {
    formatVersion: MODEL_FORMAT_VERSION,
    kind: MODEL_KIND,
    modelVersion: modelVersionOf(input.createdAt, input.fingerprintHex),
    createdAt: input.createdAt.toISOString(),
    featureSetVersion: FEATURE_SET_VERSION,
    featureNames: [...FEATURE_NAMES],
    horizonDays: snapshot.horizonDays,
    training: {
      dataSha256: input.dataSha256,
      source: input.source,
      cutoffDate: formatDay(snapshot.cutoffDay),
      population: snapshot.rows.length,
      churnRate: positiveRate(snapshot.labels),
    },
    hyperParameters: trained.parameters,
    metrics,
    featureImportances,
    calibration,
    forest: encodeForest(trained.forest),
  };
  return artifact;
}

/** Out-of-bag scores and their labels, leaving out rows that every tree saw; null without bootstrap. */
export function outOfBagScores(trained: TrainedForest, labels: ArrayLike<number>): { labels: number[]; scores: number[] } | null {
  const outOfBag = trained.outOfBag;
  if (!outOfBag) return null;
  const covered = Array.from(outOfBag.probabilities.keys()).filter((i) => !Number.isNaN(outOfBag.probabilities[i]));
  return { labels: covered.map((i) => labels[i]), scores: covered.map((i) => outOfBag.probabilities[i]) };
}

/** Calibration of a trained forest fitted on its own out-of-bag scores (null for 'none' or without bootstrap). */
export function outOfBagCalibration(trained: TrainedForest, labels: ArrayLike<number>, method: CalibrationMethod | 'none'): Calibration | null {
  const outOfBag = outOfBagScores(trained, labels);
  return method === 'none' || outOfBag === null ? null : fitCalibration(method, outOfBag.scores, outOfBag.labels);
}
