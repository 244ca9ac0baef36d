import { createHash } from 'node:crypto';
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseDay } from '../domain/calendar-day';
import { FEATURE_SET_VERSION } from '../domain/features';
import type { CalibrationMethod } from '../domain/calibration';
import {
  DEFAULT_FOREST_PARAMETERS, TRIAL_TREES, leafSizeCandidates, leafSizeTrial, pickLeafSize, prepareTraining, resolveParameters, withParameters,
  type ForestParameters, type MaxFeatures, type TrainedForest,
} from '../domain/random-forest';
import { defaultWorkerCount, trainForestInWorkers } from './forest-workers';
import { treeProgress } from './progress';
import { CANONICAL_COLUMNS, type ColumnMapping } from './read-transaction-log';

export const integer = (name: string, min: number) => (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}, got "${value}"`);
  return parsed;
};

export const dayOption = (value: string): number => {
  try { return parseDay(value); } catch { throw new InvalidArgumentError(`expected a date as YYYY-MM-DD, got "${value}"`); }
};

const leafSize = (value: string): number | 'auto' => (value === 'auto' ? 'auto' : integer('--min-samples-leaf', 1)(value));

const maxFeatures = (value: string): MaxFeatures => {
  if (value === 'sqrt' || value === 'log2' || value === 'all') return value;
  const parsed = Number(value);
  if (!(parsed > 0) || (parsed >= 1 && !Number.isInteger(parsed))) throw new InvalidArgumentError(`--max-features takes sqrt, log2, all, an integer or a fraction in (0,1), got "${value}"`);
  return parsed;
};

/** Options every churn command shares: where the log is, how its columns are named, the forest's settings. */
export function addDataAndForestOptions(command: Command): Command {
  const defaults = DEFAULT_FOREST_PARAMETERS;
  return command
    .argument('[input]', 'the log, as an alternative to --input')
    .option('--input <file>', 'canonical CSV customer_id,timestamp,amount[,...] (.gz accepted)')
    .option('--customer-column <name>', 'column holding the customer id', CANONICAL_COLUMNS.customer)
    .option('--timestamp-column <name>', 'column holding the ISO-8601 timestamp', CANONICAL_COLUMNS.timestamp)
    .option('--amount-column <name>', 'column holding the amount (negative = return)', CANONICAL_COLUMNS.amount)
    .requiredOption('--horizon <days>', 'churn horizon H: churned = no order within H days', integer('--horizon', 1))
    .option('--trees <n>', 'trees in the forest', integer('--trees', 1), defaults.trees)
    .option('--max-depth <n>', 'deepest split level (default: unlimited)', integer('--max-depth', 1))
    .option('--min-samples-leaf <n|auto>', 'fewest training rows in a leaf; auto = chosen by out-of-bag ROC AUC on the training data', leafSize, 'auto')
    .option('--max-features <f>', 'features tried per split: sqrt, log2, all, a count or a fraction', maxFeatures, defaults.maxFeatures)
    .addOption(new Option('--criterion <c>', 'split criterion').choices(['gini', 'entropy']).default(defaults.criterion))
    .addOption(new Option('--class-weight <w>', 'class weights').choices(['none', 'balanced']).default(defaults.classWeight))
    .option('--max-bins <n>', 'quantile bins per feature for the split search', integer('--max-bins', 2), defaults.maxBins)
    .option('--seed <s>', 'random seed: same data and seed, same model', integer('--seed', 0), defaults.seed)
    .option('--workers <n>', 'threads growing trees (the model does not depend on it)', integer('--workers', 1), defaultWorkerCount())
    .addOption(new Option('--calibration <method>', 'calibrate the forest on its out-of-bag predictions (platt keeps the ranking)').choices(['none', 'platt', 'isotonic']).default('platt'));
}

export interface DataAndForestOptions {
  input: string;
  customerColumn: string;
  timestampColumn: string;
  amountColumn: string;
  horizon: number;
  trees: number;
  maxDepth?: number;
  minSamplesLeaf: number | 'auto';
  maxFeatures: MaxFeatures;
  criterion: 'gini' | 'entropy';
  classWeight: 'none' | 'balanced';
  maxBins: number;
  seed: number;
  workers: number;
  calibration: CalibrationMethod | 'none';
}

/** The log may be named by --input or as the first argument (like the reference baseline.py). */
export function withInput<T extends { input?: string }>(argument: string | undefined, options: T): T & { input: string } {
  const input = options.input ?? argument;
  if (!input) throw new InvalidArgumentError('name the transaction log: --input <file.csv[.gz]> or as the first argument');
  if (options.input && argument && options.input !== argument) throw new InvalidArgumentError(`two logs given: --input ${options.input} and ${argument}`);
  return { ...options, input };
}

export function columnMappingOf(options: DataAndForestOptions): ColumnMapping {
  return { customer: options.customerColumn, timestamp: options.timestampColumn, amount: options.amountColumn };
}

/** The forest settings given on the command line; minSamplesLeaf is left out when it is to be chosen ('auto'). */
export function forestParametersOf(options: DataAndForestOptions): Partial<ForestParameters> {
  return {
    trees: options.trees,
    maxDepth: options.maxDepth ?? null,
    minSamplesLeaf: options.minSamplesLeaf === 'auto' ? undefined : options.minSamplesLeaf,
    maxFeatures: options.maxFeatures,
    criterion: options.criterion,
    classWeight: options.classWeight,
    maxBins: options.maxBins,
    seed: options.seed,
  };
}

/** What makes two trainings identical: the data, the feature definitions, the cutoff and every setting. */
export function trainingFingerprint(dataSha256: string, cutoffDay: number, horizonDays: number, parameters: unknown, calibration: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ dataSha256, featureSetVersion: FEATURE_SET_VERSION, cutoffDay, horizonDays, parameters, calibration }))
    .digest('hex');
}

/**
 * Resolves the forest settings for one training set: 'auto' leaf size is chosen by out-of-bag ROC AUC on that set
 * (never on a test set), with the trial forests grown on worker threads. Returns the settings and a one-line account
 * of the choice (null when nothing was chosen).
 */
export async function chooseForestParameters(options: DataAndForestOptions, rows: Float64Array[], labels: Uint8Array, label: string): Promise<{
  parameters: ForestParameters;
  choice: string | null;
}> {
  const given = forestParametersOf(options);
  if (options.minSamplesLeaf !== 'auto') return { parameters: resolveParameters(given), choice: null };
  const candidates = leafSizeCandidates(rows.length);
  const prepared = prepareTraining({ rows, labels }, { ...given, trees: Math.min(TRIAL_TREES, options.trees), bootstrap: true });
  const progress = treeProgress(`${label}: choosing leaf size`);
  const trials = [];
  for (const [index, minSamplesLeaf] of candidates.entries()) {
    const trialTrees = prepared.parameters.trees;
    const trained = await trainForestInWorkers(withParameters(prepared, { minSamplesLeaf }), options.workers,
      (done) => progress.update(index * trialTrees + done, candidates.length * trialTrees));
    trials.push(leafSizeTrial(minSamplesLeaf, trained, labels));
  }
  progress.stop();
  const selection = pickLeafSize(trials);
  const summary = selection.trials.map((trial) => `${trial.minSamplesLeaf}→${trial.oobRocAuc.toFixed(4)}`).join(', ');
  return {
    parameters: resolveParameters({ ...given, minSamplesLeaf: selection.minSamplesLeaf }),
    choice: `min_samples_leaf ${selection.minSamplesLeaf} by out-of-bag ROC AUC (${summary})`,
  };
}

/** Trains a forest with the resolved settings on the worker threads the options ask for, drawing a progress bar. */
export async function trainWithProgress(options: DataAndForestOptions, rows: Float64Array[], labels: Uint8Array,
  parameters: ForestParameters, label: string): Promise<TrainedForest> {
  const progress = treeProgress(label);
  const trained = await trainForestInWorkers(prepareTraining({ rows, labels }, parameters), options.workers, progress.update);
  progress.stop();
  return trained;
}
