#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { Command } from 'commander';
import { applyCalibration } from '../domain/calibration';
import { formatDay } from '../domain/calendar-day';
import { loadChurnModel } from '../domain/churn-model';
import { protocolCutoffs } from '../domain/evaluation-protocol';
import { BASELINE_FEATURE_NAMES, FEATURE_NAMES, RFM_FEATURE_NAMES } from '../domain/features';
import { fitLogistic, predictLogistic } from '../domain/logistic-regression';
import { averagePrecision, brierScore, logLoss, positiveRate, rocAuc } from '../domain/metrics';
import { decodeForest } from '../domain/model-artifact';
import { predictProba, type ForestParameters } from '../domain/random-forest';
import { churnModelArtifact, outOfBagCalibration } from '../domain/train-churn-model';
import { buildSnapshot, selectColumns, type Snapshot } from '../domain/training-snapshot';
import { addDataAndForestOptions, withInput, chooseForestParameters, columnMappingOf, integer, trainingFingerprint, trainWithProgress, type DataAndForestOptions } from './cli-options';
import { readTransactionLog } from './read-transaction-log';
import { renderEvaluationReport, type ReportModelRow } from './report/html-report';

interface EvaluateOptions extends DataAndForestOptions {
  report: string;
  seedSweep: number;
}

interface ModelRow extends ReportModelRow { fitSeconds?: number; note?: string }

const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;

function scoreRow(name: string, labels: ArrayLike<number>, scores: ArrayLike<number>, probabilities: ArrayLike<number> = scores): ModelRow {
  return { name, rocAuc: rocAuc(labels, scores), prAuc: averagePrecision(labels, scores), brier: brierScore(labels, probabilities), logLoss: logLoss(labels, probabilities) };
}

/** A forest on a subset of the features, tuned and calibrated exactly like the main model, for the comparison rows. */
async function subsetForest(name: string, names: readonly string[], train: Snapshot, test: Snapshot, options: EvaluateOptions): Promise<ModelRow> {
  const trainRows = selectColumns(train.rows, FEATURE_NAMES, names);
  const testRows = selectColumns(test.rows, FEATURE_NAMES, names);
  const { parameters } = await chooseForestParameters(options, trainRows, train.labels, name);
  const started = process.hrtime.bigint();
  const trained = await trainWithProgress(options, trainRows, train.labels, parameters, name);
  const calibration = outOfBagCalibration(trained, train.labels, options.calibration);
  const probabilities = testRows.map((row) => applyCalibration(calibration, predictProba(trained.forest, row)));
  return { ...scoreRow(name, test.labels, probabilities), scores: probabilities, fitSeconds: seconds(started), note: `min_samples_leaf ${parameters.minSamplesLeaf}` };
}

async function evaluate(options: EvaluateOptions): Promise<void> {
  const started = process.hrtime.bigint();
  const log = await readTransactionLog(options.input, columnMappingOf(options));
  const cutoffs = protocolCutoffs(log.firstDay, log.lastDay, options.horizon);
  const train = buildSnapshot(log.customers, cutoffs.trainCutoffDay, options.horizon);
  const test = buildSnapshot(log.customers, cutoffs.testCutoffDay, options.horizon);
  const loadSeconds = seconds(started);

  const baseRate = positiveRate(train.labels);
  const rows: ModelRow[] = [scoreRow('base rate', test.labels, new Float64Array(test.labels.length).fill(baseRate))];

  // Recency only: the raw recency ranks; its probabilities come from a logistic fit on log1p(recency) at T_train.
  const recencyIndex = FEATURE_NAMES.indexOf('recency_days');
  const recencyOf = (snapshot: Snapshot) => snapshot.rows.map((row) => row[recencyIndex]);
  const recencyFit = fitLogistic(recencyOf(train).map(Math.log1p), train.labels);
  const testRecency = recencyOf(test);
  rows.push({ ...scoreRow('recency only', test.labels, testRecency, testRecency.map((r) => predictLogistic(recencyFit, Math.log1p(r)))), scores: testRecency.map((r) => r / Math.max(1, ...testRecency)), color: '#7f7f7f' });
  rows.push({ ...(await subsetForest('RF on RFM', RFM_FEATURE_NAMES, train, test, options)), color: '#ff7f0e' });
  rows.push(await subsetForest('RF baseline-21', BASELINE_FEATURE_NAMES, train, test, options));

  // The main model goes the way production does: trained into an artifact, serialised, parsed and loaded.
  const { parameters, choice } = await chooseForestParameters(options, train.rows, train.labels, 'RF extended');
  const fitStarted = process.hrtime.bigint();
  const trained = await trainWithProgress(options, train.rows, train.labels, parameters, 'RF extended');
  const artifact = churnModelArtifact({
    snapshot: train, trained, calibration: options.calibration, dataSha256: log.sha256, source: basename(options.input),
    createdAt: new Date(), fingerprintHex: trainingFingerprint(log.sha256, cutoffs.trainCutoffDay, options.horizon, parameters, options.calibration),
  });
  const fitSeconds = seconds(fitStarted);
  const model = loadChurnModel(JSON.parse(JSON.stringify(artifact)));
  const predictStarted = process.hrtime.bigint();
  const probabilities = test.rows.map((row) => model.score(row));
  const predictSeconds = seconds(predictStarted);
  const forest = decodeForest(artifact.forest);
  const rawProbabilities = test.rows.map((row) => predictProba(forest, row));
  const latency = singleRowLatencyMs((row) => model.score(row), test.rows);
  const main: ModelRow = { ...scoreRow('RF extended', test.labels, probabilities), fitSeconds, scores: probabilities, color: '#1f77b4', note: `min_samples_leaf ${parameters.minSamplesLeaf}` };
  if (options.calibration !== 'none') rows.push({ ...scoreRow('RF extended, uncalibrated', test.labels, rawProbabilities) });
  rows.push(main);
  const sweep = options.seedSweep > 0 ? await seedSweep(train, test, parameters, options, main.rocAuc) : null;

  const facts: Array<[string, string]> = [
    ['data', `${basename(options.input)}: ${log.rowCount} rows (${log.negativeRowCount} negative), ${log.customers.length} customers, ${formatDay(log.firstDay)} .. ${formatDay(log.lastDay)}`],
    ['protocol', `H = ${options.horizon} d; train cutoff ${formatDay(cutoffs.trainCutoffDay)} (population ${train.rows.length}, churned ${pct(baseRate)}); ` +
      `test cutoff ${formatDay(cutoffs.testCutoffDay)} (population ${test.rows.length}, churned ${pct(positiveRate(test.labels))})`],
    ['forest', `${options.workers} worker(s); ${parameters.trees} trees, max_features ${parameters.maxFeatures}, max_depth ${parameters.maxDepth ?? 'none'}, seed ${parameters.seed}, calibration ${options.calibration}; ${choice ?? `min_samples_leaf ${parameters.minSamplesLeaf}`}`],
    ['timing', `load+features ${loadSeconds.toFixed(2)} s; RF extended fit ${fitSeconds.toFixed(2)} s, predict ${test.rows.length} rows ${predictSeconds.toFixed(3)} s ` +
      `(${Math.round(test.rows.length / predictSeconds)} rows/s), one row p50 ${latency.p50.toFixed(3)} ms, p95 ${latency.p95.toFixed(3)} ms`],
    ...(sweep ? [['seed sweep', sweep] as [string, string]] : []),
  ];
  const out = [...facts.map(([key, value]) => `${key.padEnd(10)} ${value}`), '', `${'model'.padEnd(28)}${'ROC AUC'.padStart(9)}${'PR AUC'.padStart(9)}${'Brier'.padStart(9)}${'log loss'.padStart(10)}${'fit s'.padStart(8)}`];
  for (const row of rows) {
    out.push(`${row.name.padEnd(28)}${row.rocAuc.toFixed(4).padStart(9)}${row.prAuc.toFixed(4).padStart(9)}${row.brier.toFixed(4).padStart(9)}` +
      `${row.logLoss.toFixed(4).padStart(10)}${(row.fitSeconds === undefined ? '' : row.fitSeconds.toFixed(2)).padStart(8)}${row.note ? `  ${row.note}` : ''}`);
  }

  mkdirSync(dirname(options.report), { recursive: true });
  const importances = FEATURE_NAMES.map((label) => ({ label, value: artifact.featureImportances[label] })).sort((a, b) => b.value - a.value);
  writeFileSync(options.report, renderEvaluationReport({
    title: `Churn model evaluation — ${basename(options.input)}, H = ${options.horizon} d`,
    facts, rows, testLabels: test.labels, importances, generatedAt: new Date().toISOString(),
    main: { name: 'RF extended', probabilities, rawProbabilities },
  }));
  out.push('', `report     ${options.report}`);
  out.push(JSON.stringify({
    rocAuc: main.rocAuc, prAuc: main.prAuc, brier: main.brier, logLoss: main.logLoss,
    nTrain: train.rows.length, nTest: test.rows.length, positiveRate: positiveRate(test.labels),
  }));
  process.stdout.write(`${out.join('\n')}\n`);
}

function pct(rate: number): string {
  return `${(rate * 100).toFixed(1)} %`;
}

/** Per-call latency of scoring one row, as a service sees it: 200 calls after a warm-up. */
function singleRowLatencyMs(score: (row: Float64Array) => number, rows: Float64Array[]): { p50: number; p95: number } {
  const sample = rows.slice(0, 200);
  for (const row of sample.slice(0, 20)) score(row);
  const times = sample.map((row) => {
    const start = process.hrtime.bigint();
    score(row);
    return Number(process.hrtime.bigint() - start) / 1e6;
  }).sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)] ?? 0, p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0 };
}

async function seedSweep(train: Snapshot, test: Snapshot, parameters: ForestParameters, options: EvaluateOptions, firstAuc: number): Promise<string> {
  const aucs = [firstAuc];
  for (let k = 1; k <= options.seedSweep; k++) {
    const { forest } = await trainWithProgress(options, train.rows, train.labels, { ...parameters, seed: parameters.seed + k }, `seed ${parameters.seed + k}`);
    aucs.push(rocAuc(test.labels, test.rows.map((row) => predictProba(forest, row))));
  }
  const mean = aucs.reduce((sum, x) => sum + x, 0) / aucs.length;
  const sd = Math.sqrt(aucs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (aucs.length - 1));
  return `RF extended ROC AUC over ${aucs.length} seeds: sd ${sd.toFixed(4)}, ${Math.min(...aucs).toFixed(4)}..${Math.max(...aucs).toFixed(4)} (uncalibrated seeds after the first; calibration keeps the ranking)`;
}

const program = addDataAndForestOptions(new Command()
  .name('churn-evaluate')
  .description('Apply the temporal evaluation protocol (train at last_day − 2H, test at last_day − H) and report quality metrics.'))
  .option('--report <file>', 'HTML report to write', 'reports/churn-eval.html')
  .option('--seed-sweep <n>', 'also refit the main forest with n more seeds and report the ROC AUC spread', integer('--seed-sweep', 0), 0)
  .action(async (input: string | undefined, options: EvaluateOptions) => evaluate(withInput(input, options)));

program.parseAsync().catch((error: Error) => {
  process.stderr.write(`churn-evaluate: ${error.message}\n`);
  process.exitCode = 1;
});
