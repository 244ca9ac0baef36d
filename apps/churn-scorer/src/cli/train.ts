#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { formatDay } from '../domain/calendar-day';
import { defaultTrainingCutoff } from '../domain/evaluation-protocol';
import { churnModelArtifact } from '../domain/train-churn-model';
import { buildSnapshot } from '../domain/training-snapshot';
import { addDataAndForestOptions, withInput, chooseForestParameters, columnMappingOf, dayOption, trainingFingerprint, trainWithProgress, type DataAndForestOptions } from './cli-options';
import { readTransactionLog } from './read-transaction-log';

interface TrainOptions extends DataAndForestOptions {
  cutoff?: number;
  out: string;
  createdAt?: Date;
}

const isoInstant = (value: string): Date => {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError(`expected an ISO-8601 instant, got "${value}"`);
  return date;
};

async function train(options: TrainOptions): Promise<void> {
  const started = process.hrtime.bigint();
  const log = await readTransactionLog(options.input, columnMappingOf(options));
  const cutoffDay = options.cutoff ?? defaultTrainingCutoff(log.lastDay, options.horizon);
  if (cutoffDay < log.firstDay) throw new Error(`cutoff ${formatDay(cutoffDay)} is before the first day of ${options.input} (${formatDay(log.firstDay)})`);
  if (cutoffDay + options.horizon > log.lastDay) {
    process.stderr.write(`warning: the label window (${formatDay(cutoffDay)}, ${formatDay(cutoffDay + options.horizon)}] runs past the last day ` +
      `in the log (${formatDay(log.lastDay)}); customers will look churned only because the log ends\n`);
  }
  const snapshot = buildSnapshot(log.customers, cutoffDay, options.horizon);
  if (snapshot.rows.length === 0) throw new Error(`no customer has an order on or before ${formatDay(cutoffDay)}`);
  const loadedAt = process.hrtime.bigint();

  const { parameters, choice } = await chooseForestParameters(options, snapshot.rows, snapshot.labels, 'training');
  const trained = await trainWithProgress(options, snapshot.rows, snapshot.labels, parameters, 'training');
  const artifact = churnModelArtifact({
    snapshot,
    trained,
    calibration: options.calibration,
    dataSha256: log.sha256,
    source: basename(options.input),
    createdAt: options.createdAt ?? new Date(),
    fingerprintHex: trainingFingerprint(log.sha256, cutoffDay, options.horizon, parameters, options.calibration),
  });
  const json = `${JSON.stringify(artifact)}\n`;
  writeFileSync(options.out, json);
  const trainedAt = process.hrtime.bigint();

  const seconds = (from: bigint, to: bigint): string => (Number(to - from) / 1e9).toFixed(2);
  const m = artifact.metrics;
  const lines = [
    `data       ${options.input}: ${log.rowCount} rows (${log.negativeRowCount} negative), ${log.customers.length} customers, ` +
      `${formatDay(log.firstDay)} .. ${formatDay(log.lastDay)}, sha256 ${log.sha256.slice(0, 12)}…`,
    `snapshot   cutoff ${formatDay(cutoffDay)}, horizon ${options.horizon} d: population ${snapshot.rows.length}, ` +
      `churned ${(artifact.training.churnRate * 100).toFixed(1)} %`,
    `forest     ${parameters.trees} trees, ${artifact.forest.nodeCount} nodes; min_samples_leaf ${parameters.minSamplesLeaf}, ` +
      `max_features ${parameters.maxFeatures}, max_depth ${parameters.maxDepth ?? 'none'}, seed ${parameters.seed}; calibration ${options.calibration}; ${options.workers} worker(s)`,
    ...(choice ? [`tuning     ${choice}`] : []),
    `out-of-bag ROC AUC ${m.oobRocAuc?.toFixed(4)}, Brier ${m.oobBrier?.toFixed(4)}, log loss ${m.oobLogLoss?.toFixed(4)}, accuracy ${m.oobAccuracy?.toFixed(4)}`,
    `time       load+features ${seconds(started, loadedAt)} s, training ${seconds(loadedAt, trainedAt)} s`,
    `model      ${artifact.modelVersion} → ${options.out} (${(Buffer.byteLength(json) / 1024).toFixed(0)} KiB)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

const program = addDataAndForestOptions(new Command()
  .name('churn-train')
  .description('Train the churn forest on a transaction log and write a model artifact (JSON).'))
  .option('--cutoff <date>', 'training cutoff YYYY-MM-DD (default: last day − horizon, so the label window ends at the last day)', dayOption)
  .option('--created-at <instant>', 'timestamp recorded in the artifact (default: now); pin it to regenerate a model byte for byte', isoInstant)
  .requiredOption('--out <file>', 'where to write the model JSON')
  .action(async (input: string | undefined, options: TrainOptions) => train(withInput(input, options)));

program.parseAsync().catch((error: Error) => {
  process.stderr.write(`churn-train: ${error.message}\n`);
  process.exitCode = 1;
});
