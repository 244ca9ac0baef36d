import { loadChurnModel } from './churn-model';
import { predictProba } from './random-forest';
import { smallTrainedModel, syntheticSnapshot } from './small-trained-model.fixture';

const { trained, json } = smallTrainedModel();

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
