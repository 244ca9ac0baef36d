import { ALL_TOPICS, Topics } from '@syncengage/contracts';
import { PgSqlClient } from '@syncengage/db';
import { ensureTopics, KafkaEventPublisher } from '@syncengage/kafka';
import { createRuntime } from '@syncengage/runtime';
import { createFreshDatabase, startGroupAtTopicEnd, testKafkaBrokers, waitFor, type FreshDatabase } from '@syncengage/testing';
import { loadConsoleConfig, startConsole, type RunningConsole } from '../src';
import { replayFromKafka } from '../src/adapters/kafka/replay-from-kafka';
import { PostgresAnalyticsStore } from '../src/adapters/postgres/postgres-analytics-store';
import type { FunnelReport, PipelineHealth } from '../src/application/read-models';
import { KEYS } from './console-harness';
import { SEED_DISTINCT_EVENTS, SEED_EVENTS } from './seed-events';

/**
 * On a real broker: the console records what the services publish, reports its consumer lag and the dead letters
 * from Kafka's admin API, and the replay command rebuilds the store from the topics. Other suites may have left
 * events on the shared topics, so counts here are of the seed's own event ids and of deltas.
 */
describe('the console on Kafka', () => {
  const brokers = testKafkaBrokers();
  const groupId = `console-test-${Date.now()}`;
  let database: FreshDatabase;
  let db: PgSqlClient;
  let running: RunningConsole;
  let publisher: KafkaEventPublisher;
  const seedIds = [...new Set(SEED_EVENTS.map((seed) => seed.event.eventId))];
  const recordedSeedEvents = async (): Promise<number> =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM console_events WHERE event_id = ANY($1::uuid[])', [seedIds])).rows[0].n;
  const health = async (): Promise<PipelineHealth> =>
    (await (await fetch(`${running.url}/api/pipeline/health`, { headers: { 'x-api-key': KEYS.operator } })).json()) as PipelineHealth;

  beforeAll(async () => {
    database = await createFreshDatabase('console_kafka');
    db = new PgSqlClient(database.url);
    await ensureTopics(brokers, 3);
    // Just-created partitions may not have a leader yet: retry until the group's offsets are set.
    for (const topic of ALL_TOPICS) {
      await waitFor(() => startGroupAtTopicEnd(brokers, groupId, topic).then(() => true), { description: `${groupId} at the end of ${topic}`, timeoutMs: 30_000 });
    }
    const config = loadConsoleConfig({
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_GROUP_ID: groupId,
      DATABASE_URL: database.url,
      CONSOLE_HTTP_PORT: '0',
      LOG_LEVEL: 'error',
      CONSOLE_API_KEYS: `${KEYS.operator}:operator`,
    });
    running = await startConsole(config, await createRuntime(config.infrastructure));
    publisher = await KafkaEventPublisher.connect(brokers, 'console-test-seed');
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    await publisher?.close();
    await db?.close();
    await database?.drop();
  });

  it('records every event published on the topics, each once', async () => {
    for (const seed of SEED_EVENTS) await publisher.publish(seed.topic, seed.event, 'kafka-seed');
    await waitFor(async () => (await recordedSeedEvents()) === SEED_DISTINCT_EVENTS, { description: 'the seed recorded from Kafka', timeoutMs: 30_000 });
    const funnel = (await (await fetch(`${running.url}/api/funnel?campaignId=winback`, { headers: { 'x-api-key': KEYS.operator } })).json()) as FunnelReport;
    expect(funnel.counts).toEqual({ requested: 4, sent: 3, opened: 2, clicked: 1, converted: 1 });
  }, 60_000);

  it("reports the console group's lag per topic and the dead letters from Kafka", async () => {
    await waitFor(async () => (await health()).topics.every((topic) => topic.consumerLag === 0), { description: 'no lag once the seed is recorded', timeoutMs: 30_000 });
    const before = (await health()).topics.find((topic) => topic.topic === Topics.CampaignResult)!.deadLetters;
    await publisher.publishRaw({ topic: Topics.CampaignResult, key: 'poison', headers: {}, value: Buffer.from('{not json') });
    const after = await waitFor(
      async () => {
        const report = await health();
        return report.topics.find((topic) => topic.topic === Topics.CampaignResult)!.deadLetters === before + 1 ? report : undefined;
      },
      { description: 'the poison message in campaign-result.dead-letter', timeoutMs: 30_000 },
    );
    expect(after.source).toBe('kafka');
    await waitFor(async () => (await health()).topics.every((topic) => topic.consumerLag === 0), { description: 'the consumer moving past the poison', timeoutMs: 30_000 });
  }, 90_000);

  it('rebuilds the store from the topics with a fresh consumer group', async () => {
    const store = new PostgresAnalyticsStore(db);
    await store.truncate();
    expect(await recordedSeedEvents()).toBe(0);
    const report = await replayFromKafka(store, { brokers, clientId: 'console-test', groupPrefix: groupId });
    expect(report.group).toMatch(new RegExp(`^${groupId}-replay-\\d+$`));
    expect(report.skipped).toBeGreaterThanOrEqual(1);
    expect(report.recorded).toBeGreaterThanOrEqual(SEED_DISTINCT_EVENTS);
    expect(await recordedSeedEvents()).toBe(SEED_DISTINCT_EVENTS);
    const funnel = (await (await fetch(`${running.url}/api/funnel?campaignId=winback`, { headers: { 'x-api-key': KEYS.operator } })).json()) as FunnelReport;
    expect(funnel.counts).toEqual({ requested: 4, sent: 3, opened: 2, clicked: 1, converted: 1 });
  }, 90_000);
});
