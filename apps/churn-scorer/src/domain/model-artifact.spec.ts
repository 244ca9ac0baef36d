import { FEATURE_NAMES } from './features';
import { decodeForest, encodeForest, InvalidModelArtifact, parseModelArtifact } from './model-artifact';
import { smallTrainedModel, syntheticSnapshot } from './small-trained-model.fixture';

const { trained, json } = smallTrainedModel();

describe('model artifact', () => {
  it('describes itself: versions, features, provenance, parameters, metrics', () => {
    expect(json).toMatchObject({
      formatVersion: 1,
      kind: 'syncengage.churn-model',
      modelVersion: 'rf-20260102-01234567',
      createdAt: '2026-01-02T03:04:05.000Z',
      featureNames: [...FEATURE_NAMES],
      horizonDays: 90,
      training: { dataSha256: 'ab'.repeat(32), source: 'synthetic.csv', cutoffDate: '2022-01-08', population: 600 },
      hyperParameters: { trees: 12, seed: 7, minSamplesLeaf: 10 },
      calibration: { method: 'platt' },
    });
    expect(trained.artifact.metrics.oobRocAuc).toBeGreaterThan(0.6);
  });

  it('round-trips the forest exactly through base64', () => {
    expect(decodeForest(encodeForest(trained.trained.forest))).toEqual(trained.trained.forest);
  });

  it.each([
    ['a string', 'nope', /artifact must be an object/],
    ['another kind', { ...json, kind: 'x' }, /kind must be "syncengage.churn-model"/],
    ['a newer format', { ...json, formatVersion: 2 }, /formatVersion must be 1/],
    ['names that do not match the forest', { ...json, featureNames: ['a'] }, /forest.featureCount is 24 but featureNames lists 1/],
    ['a broken calibration', { ...json, calibration: { method: 'magic' } }, /calibration.method/],
    ['a missing hash', { ...json, training: { ...(json.training as object), dataSha256: undefined } }, /training.dataSha256 must be a non-empty string, got nothing/],
  ])('refuses %s with an error naming the field', (_, bad, message) => {
    expect(() => parseModelArtifact(bad)).toThrow(InvalidModelArtifact);
    expect(() => parseModelArtifact(bad)).toThrow(message);
  });

  it('refuses a forest whose arrays disagree', () => {
    const forest = { ...(json.forest as Record<string, unknown>), nodeCount: 3 };
    expect(() => decodeForest(parseModelArtifact({ ...json, forest }).forest)).toThrow(/forest.feature has \d+ nodes, nodeCount says 3/);
  });
});
