import * as grpc from '@grpc/grpc-js';
import { createChurnScorerClient, Topics, newEventId, type ChurnScorerClient, type ScoreRequest, type ScoreResponse } from '@syncengage/contracts';
import { createRuntime, type Runtime } from '@syncengage/runtime';
import { createFreshDatabase, waitFor, type FreshDatabase } from '@syncengage/testing';
import { loadChurnScorerConfig } from '../src/config';
import { startChurnScorer, type RunningChurnScorer } from '../src/start-churn-scorer';
import { FEATURE_NAMES } from '../src/domain/features';

function score(client: ChurnScorerClient, request: Partial<ScoreRequest>, deadlineMs = 5_000): Promise<ScoreResponse> {
  return new Promise((resolve, reject) =>
    client.score({ customerId: '', features: {}, ...request }, { deadline: Date.now() + deadlineMs }, (error, response) => (error ? reject(error) : resolve(response!))),
  );
}

describe('ChurnScorer over gRPC, with a real client on a real port', () => {
  let database: FreshDatabase;
  let runtime: Runtime;
  let scorer: RunningChurnScorer;
  let client: ChurnScorerClient;

  beforeAll(async () => {
    database = await createFreshDatabase('scorer_grpc');
    const config = loadChurnScorerConfig({ DATABASE_URL: database.url, CHURN_GRPC_PORT: '0', CHURN_SCORER_HTTP_PORT: '0', LOG_LEVEL: 'error' });
    runtime = await createRuntime(config.infrastructure);
    scorer = await startChurnScorer(config, runtime);
    client = createChurnScorerClient(scorer.grpcAddress);
  });

  afterAll(async () => {
    client?.close();
    await scorer?.close();
    await database?.drop();
  });

  it('scores a known customer from the features it keeps, with the model version', async () => {
    const customerId = 'grpc-known';
    await runtime.publisher.publish(
      Topics.CustomerUpdated,
      {
        eventId: newEventId(),
        eventType: 'customer-updated',
        schemaVersion: 1,
        occurredAt: new Date().toISOString(),
        customerId,
        source: 'test',
        change: 'purchase_made',
        purchase: { orderId: 'o1', amountCents: 5_000, currency: 'EUR', orderedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() },
        profile: {},
        attributes: {},
      },
      'trace',
    );
    const response = await waitFor(() => score(client, { customerId }).catch(() => undefined), { description: 'the customer to be scorable' });
    expect(response.customerId).toBe(customerId);
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
    const model = scorer.models.current();
    const base = Object.fromEntries(model.featureNames.map((name) => [name, 0]));
    const profile = (recency: number) => ({ ...base, recency_days: recency, frequency: 3, monetary_total: 300, monetary_mean: 100, tenure_days: recency + 200 });
    const recent = await score(client, { customerId: 'x', features: profile(3) });
    const silent = await score(client, { customerId: 'x', features: profile(400) });
    expect(silent.score).toBeGreaterThan(recent.score);
    expect(FEATURE_NAMES).toEqual(expect.arrayContaining([...model.featureNames]));
  });

  it('honours the caller’s deadline', async () => {
    await expect(score(client, { customerId: 'nobody' }, -1)).rejects.toMatchObject({ code: grpc.status.DEADLINE_EXCEEDED });
  });
});
