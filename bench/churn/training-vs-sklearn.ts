import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeFailure, lastJsonLine, runProcess } from './run-process';
import type { SimulatedFeatureRows } from './simulated-rows';
import { writeMatrixCsv } from './training-matrix-csv';

export interface TrainingSettings {
  trees: number;
  minSamplesLeaf: number;
  seed: number;
  repeats: number;
  python: string;
}

export interface TrainingRun {
  fitSeconds: number;
  rssBeforeFitKb: number;
  peakRssKb: number;
  nodes: number;
  holdoutRocAuc: number;
}

export interface TrainingComparison {
  rows: number;
  features: number;
  ours: TrainingRun[];
  sklearn: TrainingRun[];
  /** Best (smallest) fit time of ours over the best of scikit-learn's: the least disturbed run of each. */
  fitRatio: number;
  peakRssRatio: number;
}

/**
 * scikit-learn's RandomForestClassifier(n_jobs=1) with the same trees, min_samples_leaf, max_features='sqrt' and
 * bootstrap. Reads the matrix the bench exported, times fit() alone, and reports the peak RSS of its process.
 */
const SKLEARN_FIT = `
import json, resource, sys, time
import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
train_path, holdout_path, trees, leaf, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
def load(path):
    m = np.loadtxt(path, delimiter=",", skiprows=1)
    return m[:, 1:], m[:, 0].astype(int)
X, y = load(train_path)
Xh, yh = load(holdout_path)
with open("/proc/self/status") as status:
    rss_before_kb = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
rf = RandomForestClassifier(n_estimators=trees, min_samples_leaf=leaf, max_features="sqrt", n_jobs=1, random_state=seed)
t0 = time.perf_counter()
rf.fit(X, y)
fit_s = time.perf_counter() - t0
print(json.dumps({
    "fitSeconds": fit_s,
    "rssBeforeFitKb": rss_before_kb,
    "peakRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "nodes": int(sum(tree.tree_.node_count for tree in rf.estimators_)),
    "holdoutRocAuc": float(roc_auc_score(yh, rf.predict_proba(Xh)[:, 1])),
}))
`;

/**
 * Training time and peak memory of our forest (one thread) against scikit-learn (n_jobs=1) on the same exported
 * rows, each fit in a fresh process; the two alternate `repeats` times so neither always runs on the quieter turn.
 */
export async function compareTraining(data: SimulatedFeatureRows, settings: TrainingSettings, benchDist: string): Promise<TrainingComparison> {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-churn-training-'));
  try {
    const trainCsv = join(scratch, 'train.csv');
    const holdoutCsv = join(scratch, 'holdout.csv');
    writeMatrixCsv(trainCsv, data.train);
    writeMatrixCsv(holdoutCsv, data.holdout);
    const args = [trainCsv, holdoutCsv, String(settings.trees), String(settings.minSamplesLeaf), String(settings.seed)];
    const ours: TrainingRun[] = [];
    const sklearn: TrainingRun[] = [];
    for (let repeat = 0; repeat < settings.repeats; repeat++) {
      ours.push(await runChild('our forest', process.execPath, [join(benchDist, 'train-forest-child.js'), ...args], scratch));
      sklearn.push(await runChild('scikit-learn', settings.python, ['-c', SKLEARN_FIT, ...args], scratch));
    }
    const best = (runs: TrainingRun[]) => Math.min(...runs.map((run) => run.fitSeconds));
    const peak = (runs: TrainingRun[]) => Math.max(...runs.map((run) => run.peakRssKb));
    return {
      rows: data.train.rows.length,
      features: data.featureNames.length,
      ours,
      sklearn,
      fitRatio: best(ours) / best(sklearn),
      peakRssRatio: peak(ours) / peak(sklearn),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function runChild(what: string, command: string, args: string[], cwd: string): Promise<TrainingRun> {
  const result = await runProcess(command, args, { cwd });
  if (result.exitCode !== 0) throw new Error(describeFailure(what, result));
  return lastJsonLine<TrainingRun>(result.stdout, what);
}
