import { FEATURE_NAMES } from './features';
import { mulberry32 } from './random-forest/prng';
import { trainChurnModel } from './train-churn-model';
import type { Snapshot } from './training-snapshot';

/** Test fixture: 600 seeded rows whose churn odds rise with the first feature, so a forest has something to learn. */
export function syntheticSnapshot(): Snapshot {
  const random = mulberry32(1);
  const rows: Float64Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < 600; i++) {
    const row = Float64Array.from(FEATURE_NAMES, () => Math.round(random() * 100));
    rows.push(row);
    labels.push(random() < row[0] / 100 ? 1 : 0);
  }
  return { cutoffDay: 19_000, horizonDays: 90, customerIds: rows.map((_, i) => String(i)), rows, labels: Uint8Array.from(labels) };
}

/** A small calibrated model on that snapshot, and its artifact as it reads back from JSON. */
export function smallTrainedModel() {
  const trained = trainChurnModel({
    snapshot: syntheticSnapshot(),
    parameters: { trees: 12, seed: 7, minSamplesLeaf: 10 },
    calibration: 'platt',
    dataSha256: 'ab'.repeat(32),
    source: 'synthetic.csv',
    createdAt: new Date('2026-01-02T03:04:05Z'),
    fingerprintHex: '0123456789abcdef',
  });
  return { trained, json: JSON.parse(JSON.stringify(trained.artifact)) as Record<string, unknown> };
}
