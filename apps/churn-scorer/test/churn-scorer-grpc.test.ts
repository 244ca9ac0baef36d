import * as grpc from '@grpc/grpc-js';
import { createChurnScorerClient, Topics, newEventId, type ChurnScorerClient, type ScoreBatchResult } from '@syncengage/contracts';
import { createRuntime, type Runtime } from '@syncengage/runtime';
import { createFreshDatabase, waitFor, type FreshDatabase } from '@syncengage/testing';
import { ChurnScorerGrpcServer } from '../src/adapters/grpc/churn-scorer.grpc-server';
import { loadChurnScorerConfig } from '../src/config';
import { startChurnScorer, type RunningChurnScorer } from '../src/start-churn-scorer';
import { FEATURE_NAMES } from '../src/domain/features';
import { explain, getModelInfo, score, scoreBatch } from './support/grpc-calls';

const DAY_MS = 86_400_000;

describe('ChurnScorer over gRPC, with a real client on a real port', () => {
  let database: FreshDatabase;
  let runtime: Runtime;
  let scorer: RunningChurnScorer;
  let client: ChurnScorerClient;
  const knownCustomer = 'grpc-known';

  /** A customer-updated event for one purchase `daysAgo`; the scorer folds it into the customer's features. */
  const purchase = (customerId: string, daysAgo: number) =>
    runtime.publisher.publish(
      Topics.CustomerUpdated,
      {
        eventId: newEventId(),
        eventType: 'customer-updated',
        schemaVersion: 1,
        occurredAt: new Date().toISOString(),
        customerId,
        source: 'test',
        change: 'purchase_made',
        purchase: { orderId: `o-${customerId}-${daysAgo}`, amountCents: 5_000, currency: 'EUR', orderedAt: new Date(Date.now() - daysAgo * DAY_MS).toISOString() },
        profile: {},
        attributes: {},
      },
      'trace',
    );

  /** Every feature of the model: a customer with three orders, the last `recency` days ago. */
  const featuresWith = (recency: number): Record<string, number> => {
    const base = Object.fromEntries(scorer.models.current().featureNames.map((name) => [name, 0]));
    return { ...base, recency_days: recency, frequency: 3, monetary_total: 300, monetary_mean: 100, tenure_days: recency + 200 };
  };

  beforeAll(async () => {
    database = await createFreshDatabase('scorer_grpc');
    const config = loadChurnScorerConfig({ DATABASE_URL: database.url, CHURN_GRPC_PORT: '0', CHURN_SCORER_HTTP_PORT: '0', LOG_LEVEL: 'error' });
    runtime = await createRuntime(config.infrastructure);
    scorer = await startChurnScorer(config, runtime);
    client = createChurnScorerClient(scorer.grpcAddress);
    await purchase(knownCustomer, 40);
    await waitFor(() => score(client, { customerId: knownCustomer }).catch(() => undefined), { description: 'the known customer to be scorable' });
  });

  afterAll(async () => {
    client?.close();
    await scorer?.close();
    await database?.drop();
  });

  describe('Score', () => {
    it('scores a known customer from the features it keeps, with the model version', async () => {
      const response = await score(client, { customerId: knownCustomer });
      expect(response.customerId).toBe(knownCustomer);
      expect(response.score).toBeGreaterThanOrEqual(0);
      expect(response.score).toBeLessThanOrEqual(1);
      expect(['low', 'medium', 'high']).toContain(response.band);
      expect(response.modelVersion).toBe(scorer.models.current().modelVersion);
      expect(Date.parse(response.scoredAt)).not.toBeNaN();
    });

    it('answers NOT_FOUND for a customer it has never seen', async () => {
      await expect(score(client, { customerId: 'nobody' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    });

    it('answers INVALID_ARGUMENT naming the field for no customer id, unknown or missing features', async () => {
      await expect(score(client, {})).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringContaining('customer_id') });
      await expect(score(client, { features: { shoe_size: 42 } })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringContaining('features.shoe_size') });
      const model = scorer.models.current();
      const partial = { [model.featureNames[0]]: 1 };
      await expect(score(client, { features: partial })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringContaining(`features.${model.featureNames[1]}`) });
    });

    it('scores features given in the request, and a long silence scores riskier than a recent order', async () => {
      const recent = await score(client, { customerId: 'x', features: featuresWith(3) });
      const silent = await score(client, { customerId: 'x', features: featuresWith(400) });
      expect(silent.score).toBeGreaterThan(recent.score);
      expect(FEATURE_NAMES).toEqual(expect.arrayContaining([...scorer.models.current().featureNames]));
    });

    it('honours the caller’s deadline', async () => {
      await expect(score(client, { customerId: 'nobody' }, -1)).rejects.toMatchObject({ code: grpc.status.DEADLINE_EXCEEDED });
    });
  });

  describe('ScoreBatch', () => {
    it('streams one result per request in request order, a bad request getting its own error while the rest are scored', async () => {
      // Customer ids cost a database round trip and given features none, so mixing them makes later requests
      // finish first: the order out must still be the order in.
      const requests = Array.from({ length: 120 }, (_, i) => (i % 5 === 0 ? { customerId: knownCustomer } : { customerId: `f-${i}`, features: featuresWith(i * 3) }));
      requests[57] = { customerId: 'nobody' };
      requests[90] = { customerId: 'f-90', features: { ...featuresWith(10), shoe_size: 42 } };

      const { results, status } = await scoreBatch(client, requests);

      expect(status.code).toBe(grpc.status.OK);
      expect(results.map((result) => result.index)).toEqual(requests.map((_, i) => i));
      expect(results[57]).toMatchObject({ outcome: 'error', error: { code: grpc.status.NOT_FOUND, message: expect.stringContaining('nobody') } });
      expect(results[90]).toMatchObject({ outcome: 'error', error: { code: grpc.status.INVALID_ARGUMENT, message: expect.stringContaining('features.shoe_size') } });
      const unary = await Promise.all(requests.map((request) => score(client, request).catch(() => undefined)));
      results.forEach((result, i) => {
        if (i === 57 || i === 90) return;
        expect({ i, customerId: result.score?.customerId, score: result.score?.score }).toEqual({ i, customerId: unary[i]!.customerId, score: unary[i]!.score });
      });
    });

    it('ends an empty batch with OK and no results', async () => {
      await expect(scoreBatch(client, [])).resolves.toEqual({ results: [], status: expect.objectContaining({ code: grpc.status.OK }) });
    });

    it('stops serving a batch whose deadline passes while the client keeps it open', async () => {
      const grpcServer = scorer.app.get(ChurnScorerGrpcServer);
      const call = client.scoreBatch({ deadline: Date.now() + 500 });
      const results: ScoreBatchResult[] = [];
      const failed = new Promise<grpc.ServiceError>((resolve) => call.on('error', resolve));
      call.on('data', (result: ScoreBatchResult) => results.push(result));
      call.write({ customerId: knownCustomer, features: {} });
      call.write({ customerId: 'x', features: featuresWith(30) });
      await waitFor(() => results.length === 2 && grpcServer.openBatchCalls === 1, { description: 'two results from an open batch' });

      await expect(failed).resolves.toMatchObject({ code: grpc.status.DEADLINE_EXCEEDED });
      await waitFor(() => grpcServer.openBatchCalls === 0, { description: 'the server to let the expired batch go' });
    });

    it('stops serving a batch the client cancels', async () => {
      const grpcServer = scorer.app.get(ChurnScorerGrpcServer);
      const call = client.scoreBatch({ deadline: Date.now() + 10_000 });
      const failed = new Promise<grpc.ServiceError>((resolve) => call.on('error', resolve));
      call.on('data', () => undefined);
      call.write({ customerId: knownCustomer, features: {} });
      await waitFor(() => grpcServer.openBatchCalls === 1, { description: 'the batch to be open on the server' });

      call.cancel();
      await expect(failed).resolves.toMatchObject({ code: grpc.status.CANCELLED });
      await waitFor(() => grpcServer.openBatchCalls === 0, { description: 'the server to let the cancelled batch go' });
    });
  });

  describe('Explain', () => {
    it('credits every feature so that baseline + Σ contributions is the raw score, largest first', async () => {
      const response = await explain(client, { customerId: knownCustomer });
      const model = scorer.models.current();
      expect(response.modelVersion).toBe(model.modelVersion);
      expect(response.contributions.map((c) => c.feature).sort()).toEqual([...model.featureNames].sort());
      const sum = response.contributions.reduce((total, c) => total + c.contribution, 0);
      expect(response.baseline + sum).toBeCloseTo(response.rawScore, 9);
      const magnitudes = response.contributions.map((c) => Math.abs(c.contribution));
      expect(magnitudes).toEqual([...magnitudes].sort((a, b) => b - a));
      expect(response.score).toBe((await score(client, { customerId: knownCustomer })).score);
      expect(response.contributions.find((c) => c.feature === 'recency_days')?.value).toBe(40);
    });

    it('returns the `top` largest contributions of given features, and says recency pushes a silent customer up', async () => {
      const all = await explain(client, { features: featuresWith(400) });
      const top3 = await explain(client, { features: featuresWith(400), top: 3 });
      expect(top3.contributions).toEqual(all.contributions.slice(0, 3));
      expect(all.contributions.find((c) => c.feature === 'recency_days')!.contribution).toBeGreaterThan(0);
    });

    it('answers INVALID_ARGUMENT naming `top` for a negative count, NOT_FOUND for an unknown customer', async () => {
      await expect(explain(client, { customerId: knownCustomer, top: -1 })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringContaining('top') });
      await expect(explain(client, { customerId: 'nobody' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    });
  });

  describe('GetModelInfo', () => {
    it('describes the bundled model: version, features, horizon, training provenance, metrics, bands and load time', async () => {
      const info = await getModelInfo(client);
      expect(info).toMatchObject({
        modelVersion: scorer.models.current().modelVersion,
        featureSetVersion: 'churn-features/2',
        featureNames: [...FEATURE_NAMES],
        horizonDays: 90,
        createdAt: '2026-11-26T00:00:00.000Z',
        training: { source: 'churn-sim.csv', cutoffDate: '2024-10-01', population: 16_419, dataSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        bandThresholds: { mediumFrom: 0.4, highFrom: 0.7 },
      });
      expect(info.metrics.oobRocAuc).toBeGreaterThan(0.75);
      expect(Date.parse(info.loadedAt)).toBeLessThanOrEqual(Date.now());
    });
  });
});

describe('ChurnScorer over gRPC with ENABLE_PREDICTIVE_CHURN=false', () => {
  let database: FreshDatabase;
  let scorer: RunningChurnScorer;
  let client: ChurnScorerClient;

  beforeAll(async () => {
    database = await createFreshDatabase('scorer_grpc_rule');
    const config = loadChurnScorerConfig({ DATABASE_URL: database.url, ENABLE_PREDICTIVE_CHURN: 'false', CHURN_GRPC_PORT: '0', CHURN_SCORER_HTTP_PORT: '0', LOG_LEVEL: 'error' });
    scorer = await startChurnScorer(config, await createRuntime(config.infrastructure));
    client = createChurnScorerClient(scorer.grpcAddress);
  });

  afterAll(async () => {
    client?.close();
    await scorer?.close();
    await database?.drop();
  });

  it('describes the recency rule as untrained and explains its score by recency alone', async () => {
    await expect(getModelInfo(client)).resolves.toMatchObject({ modelVersion: 'rule-recency-v1', createdAt: '', training: null, metrics: {}, horizonDays: 90 });
    const features = { ...Object.fromEntries(FEATURE_NAMES.map((name) => [name, 2])), recency_days: 45 };
    const explained = await explain(client, { features, top: 2 });
    expect(explained).toMatchObject({ baseline: 0, rawScore: 0.25, score: 0.25, contributions: [{ feature: 'recency_days', value: 45, contribution: 0.25 }, { contribution: 0 }] });
    expect(scorer.modelReload).toBe('off');
  });
});
