import { FEATURE_NAMES } from './features';
import { loadChurnModel } from './churn-model';
import { predictProba } from './random-forest';
import { mulberry32 } from './random-forest/prng';
import { trainChurnModel } from './train-churn-model';
import type { Snapshot } from './training-snapshot';

function syntheticSnapshot(): Snapshot {
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

const trained = trainChurnModel({
  snapshot: syntheticSnapshot(),
  parameters: { trees: 12, seed: 7, minSamplesLeaf: 10 },
  calibration: 'platt',
  dataSha256: 'ab'.repeat(32),
  source: 'synthetic.csv',
  createdAt: new Date('2026-01-02T03:04:05Z'),
  fingerprintHex: '0123456789abcdef',
});
const json = JSON.parse(JSON.stringify(trained.artifact)) as Record<string, unknown>;

describe('loadChurnModel', () => {
  it('loads into a scorer that matches the trained forest, calibrated', () => {
    const model = loadChurnModel(json);
    const row = syntheticSnapshot().rows[3];
    const raw = predictProba(trained.trained.forest, row);
    expect(model.modelVersion).toBe('rf-20260102-01234567');
    expect(model.explain(row).rawScore).toBe(raw);
    expect(model.score(row)).toBeGreaterThan(0);
    expect(model.score(row)).toBeLessThan(1);
    expect(() => model.score([1, 2, 3])).toThrow(/takes 24 features/);
  });

  it('keeps the ranking of the raw forest after calibration', () => {
    const model = loadChurnModel(json);
    const rows = syntheticSnapshot().rows.slice(0, 50);
    const raw = rows.map((row) => predictProba(trained.trained.forest, row));
    const calibrated = rows.map((row) => model.score(row));
    for (let i = 1; i < rows.length; i++) expect(Math.sign(calibrated[i] - calibrated[0])).toBe(Math.sign(raw[i] - raw[0]));
  });

  it('refuses a model trained on another feature set, which would misread the vectors', () => {
    expect(() => loadChurnModel({ ...json, featureSetVersion: 'churn-features/0' })).toThrow(/featureSetVersion is "churn-features\/0" but this build computes/);
  });

});
