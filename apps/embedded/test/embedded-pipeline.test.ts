import { Topics } from '@syncengage/contracts';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../src/run-embedded';

/**
 * The quick start's promise: no Kafka, no database server, and every simulated purchase still travels
 * webhook → score → decision → delivery → result, with nothing lost on the way.
 */
describe('the embedded pipeline (npm start)', () => {
  let pipeline: EmbeddedPipeline;

  beforeAll(async () => {
    const ports = { INGEST_HTTP_PORT: '0', CHURN_SCORER_HTTP_PORT: '0', CHURN_GRPC_PORT: '0', ORCHESTRATOR_HTTP_PORT: '0', NOTIFIER_HTTP_PORT: '0', LOG_LEVEL: 'error' };
    pipeline = await startEmbeddedPipeline({ customers: 25, days: 120, seed: 7, httpPort: 0, exitWhenDone: true }, { ...ports, KAFKA_BROKERS: 'ignored:9092' });
  }, 60_000);

  afterAll(async () => {
    await pipeline?.close();
  });

  it('replays generated customers through all four services and accounts for every message', async () => {
    const report = await pipeline.replay();
    expect(report.webhooks).toBeGreaterThan(25);
    expect(report.rejected).toBe(0);

    const summary = await pipeline.summarize();
    expect(summary.events[Topics.CustomerUpdated]).toBe(report.webhooks);
    expect(summary.events[Topics.ChurnScored]).toBeGreaterThan(0);
    expect(summary.events[Topics.MessageRequested]).toBeGreaterThan(0);
    // Every requested message was delivered once and reported once.
    expect(summary.events[Topics.CampaignResult]).toBe(summary.events[Topics.MessageRequested]);
    const delivered = await pipeline.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifier_local_outbox');
    expect(delivered.rows[0].n).toBe(summary.events[Topics.MessageRequested]);
    expect(Object.values(summary.deadLetters).reduce((sum, count) => sum + count, 0)).toBe(0);
    const sends = summary.decisions.filter((row) => row.action === 'send').reduce((sum, row) => sum + row.count, 0);
    expect(sends).toBe(summary.events[Topics.MessageRequested]);
    // Quiet customers are rescored as the simulated days pass, without any event of their own.
    const rescores = pipeline.bus.messages(Topics.ChurnScored).filter((message) => JSON.parse(message.value.toString()).trigger === 'rescore');
    expect(rescores.length).toBeGreaterThan(0);
  }, 120_000);

  it('serves the outbox over HTTP', async () => {
    const response = await fetch(`${pipeline.outboxUrl}?limit=5`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { messages: Array<{ recipient: string }> };
    expect(body.messages.length).toBeGreaterThan(0);
    expect(body.messages[0].recipient).toMatch(/@example\.(com|org|net)$|^\+/);
  });
});
