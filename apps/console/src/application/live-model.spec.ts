import type { ModelInfo } from '@syncengage/contracts';
import { DescribeLiveModel, NOT_CONFIGURED_REASON, withUsage, type ModelInfoSource } from './live-model';
import type { ModelVersionUsage } from './read-models';

const info = (modelVersion: string): ModelInfo => ({
  modelVersion,
  featureSetVersion: 'churn-features/2',
  featureNames: ['recency_days', 'frequency'],
  horizonDays: 90,
  createdAt: '2026-11-26T00:00:00.000Z',
  training: { dataSha256: 'ab'.repeat(32), source: 'churn-sim.csv', cutoffDate: '2024-10-01', population: 100, churnRate: 0.5 },
  metrics: { oobRocAuc: 0.8, oobBrier: 0.17 },
  bandThresholds: { mediumFrom: 0.4, highFrom: 0.7 },
  loadedAt: '2026-11-26T09:00:00.000Z',
});

/** A scorer whose answers the test scripts: a version, or an error, per call. */
class ScriptedSource implements ModelInfoSource {
  readonly address = 'scorer.test:50051';
  calls = 0;
  constructor(public next: () => Promise<ModelInfo>) {}
  fetch(): Promise<ModelInfo> {
    this.calls += 1;
    return this.next();
  }
}

describe('describing the live model', () => {
  let clock: number;
  const now = () => new Date(clock);
  beforeEach(() => (clock = Date.parse('2026-11-26T10:00:00Z')));

  it('says where the metrics would come from when no scorer is configured', async () => {
    await expect(new DescribeLiveModel(undefined, 30_000, now).execute()).resolves.toEqual({ status: 'not-configured', reason: NOT_CONFIGURED_REASON });
  });

  it('keeps one answer for the cache time, then shows a hot-swapped model', async () => {
    let version = 'model-a';
    const source = new ScriptedSource(async () => info(version));
    const describe = new DescribeLiveModel(source, 30_000, now);
    expect(await describe.execute()).toMatchObject({ status: 'ok', address: 'scorer.test:50051', fetchedAt: '2026-11-26T10:00:00.000Z', model: { modelVersion: 'model-a', metrics: { oobRocAuc: 0.8, oobBrier: 0.17 } } });
    version = 'model-b';
    clock += 29_999;
    expect(await describe.execute()).toMatchObject({ model: { modelVersion: 'model-a' } });
    clock += 1;
    expect(await describe.execute()).toMatchObject({ model: { modelVersion: 'model-b' } });
    expect(source.calls).toBe(2);
  });

  it('asks once for concurrent page loads', async () => {
    const source = new ScriptedSource(async () => info('model-a'));
    const describe = new DescribeLiveModel(source, 0, now);
    const states = await Promise.all([describe.execute(), describe.execute(), describe.execute()]);
    expect(states.map((state) => state.status)).toEqual(['ok', 'ok', 'ok']);
    expect(source.calls).toBe(1);
  });

  it('reports an unreachable scorer with the reason, and asks again next time', async () => {
    const source = new ScriptedSource(() => Promise.reject(new Error('14 UNAVAILABLE: No connection established')));
    const describe = new DescribeLiveModel(source, 30_000, now);
    expect(await describe.execute()).toEqual({ status: 'unreachable', address: 'scorer.test:50051', reason: '14 UNAVAILABLE: No connection established' });
    source.next = async () => info('model-a');
    expect(await describe.execute()).toMatchObject({ status: 'ok', model: { modelVersion: 'model-a' } });
  });

  it('gives the recency rule, which is not trained, no creation date', async () => {
    const source = new ScriptedSource(async () => ({ ...info('recency-rule'), createdAt: '', training: null, metrics: {} }));
    expect(await new DescribeLiveModel(source, 0, now).execute()).toMatchObject({ model: { createdAt: null, training: null, metrics: {} } });
  });

  it("puts the live version's share of scored customers beside it, or null when it scored no one", async () => {
    const usage = (modelVersion: string, shareOfCustomers: number): ModelVersionUsage => ({
      modelVersion, customers: 1, scores: 1, shareOfCustomers, meanScore: 0.5, firstScoredAt: '2026-11-01T00:00:00.000Z', lastScoredAt: '2026-11-02T00:00:00.000Z',
    });
    const state = await new DescribeLiveModel(new ScriptedSource(async () => info('model-b')), 0, now).execute();
    expect(withUsage(state, [usage('model-a', 0.25), usage('model-b', 0.75)]).usage).toMatchObject({ modelVersion: 'model-b', shareOfCustomers: 0.75 });
    expect(withUsage(state, [usage('model-a', 1)]).usage).toBeNull();
    expect(withUsage({ status: 'not-configured', reason: 'x' }, [usage('model-a', 1)]).usage).toBeNull();
  });
});
