#!/usr/bin/env node
import { rocAuc } from '@syncengage/churn-scorer/dist/domain/metrics';
import { predictBatch, trainForest } from '@syncengage/churn-scorer/dist/domain/random-forest';
import { readMatrixCsv } from './training-matrix-csv';

/**
 * Child process of the training comparison: our forest on the exported matrix, in one thread, in a process of its
 * own so that its peak RSS is the training's and not the bench's. Prints one JSON line.
 * Usage: node train-forest-child.js <train.csv> <holdout.csv> <trees> <min-samples-leaf> <seed>
 */
function main(): void {
  const [trainPath, holdoutPath, trees, minSamplesLeaf, seed] = process.argv.slice(2);
  const train = readMatrixCsv(trainPath);
  const holdout = readMatrixCsv(holdoutPath);
  const rssBeforeFitKb = Math.round(process.memoryUsage().rss / 1024);
  const started = process.hrtime.bigint();
  const { forest } = trainForest(train, { trees: Number(trees), minSamplesLeaf: Number(minSamplesLeaf), maxFeatures: 'sqrt', seed: Number(seed) });
  const fitSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`${JSON.stringify({
    fitSeconds,
    rssBeforeFitKb,
    peakRssKb: process.resourceUsage().maxRSS,
    nodes: forest.feature.length,
    holdoutRocAuc: rocAuc(holdout.labels, predictBatch(forest, holdout.rows)),
  })}\n`);
}

main();
