import { Topics } from '@syncengage/contracts';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../src/run-embedded';

/**
 * The quick start's promise: no Kafka, no database server, and every simulated purchase still travels
 * webhook → score → decision → delivery → result, with nothing lost on the way.
 */
describe('the embedded pipeline (npm start)', () => {
  let pipeline: EmbeddedPipeline;

  beforeAll(async () => {
    const ports = { INGEST_HTTP_PORT: '0', CHURN_SCORER_HTTP_PORT: '0', CHURN_GRPC_PORT: '0', ORCHESTRATOR_HTTP_PORT: '0', NOTIFIER_HTTP_PORT: '0', CONSOLE_HTTP_PORT: '0', LOG_LEVEL: 'error' };
    pipeline = await startEmbeddedPipeline({ customers: 25, days: 120, seed: 7, httpPort: 0, exitWhenDone: true, openRate: 0 }, { ...ports, KAFKA_BROKERS: 'ignored:9092' });
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

  it('shows the replayed customers in the console: every event recorded, the funnel counting every message', async () => {
    const headers = { 'x-api-key': pipeline.consoleKey };
    const topics = [Topics.CustomerUpdated, Topics.ChurnScored, Topics.MessageRequested, Topics.CampaignResult];
    // The orchestrator's outbox keeps releasing held messages on a timer, so compare once the bus is idle.
    const unrecorded = async (): Promise<Array<{ topic: string; onBus: number; recorded: number }>> => {
      await pipeline.bus.idle();
      const health = (await (await fetch(`${pipeline.consoleUrl}/api/pipeline/health`, { headers })).json()) as { recordedEvents: Record<string, number> };
      return topics
        .map((topic) => ({ topic, onBus: pipeline.bus.messages(topic).length, recorded: health.recordedEvents[topic] ?? 0 }))
        .filter((entry) => entry.onBus !== entry.recorded);
    };
    let missing = await unrecorded();
    for (let attempt = 0; attempt < 20 && missing.length > 0; attempt += 1) missing = await unrecorded();
    expect(missing).toEqual([]);
    // One statement, one snapshot: every recorded request has its row in the funnel's rollup.
    const rollup = await pipeline.db.query<{ events: number; rows: number }>(
      "SELECT (SELECT count(*)::int FROM console_events WHERE event_type = 'message-requested') AS events, (SELECT count(*)::int FROM console_messages WHERE is_requested) AS rows",
    );
    expect(rollup.rows[0].rows).toBe(rollup.rows[0].events);
    const funnel = (await (await fetch(`${pipeline.consoleUrl}/api/funnel`, { headers })).json()) as { counts: { requested: number; sent: number } };
    expect(funnel.counts.requested).toBeGreaterThanOrEqual(rollup.rows[0].events);
    expect(funnel.counts.requested).toBeLessThanOrEqual(pipeline.bus.messages(Topics.MessageRequested).length);
    expect(funnel.counts.sent).toBeGreaterThan(0);
    expect((await fetch(`${pipeline.consoleUrl}/api/funnel`)).status).toBe(401);
  });

  it('serves the outbox over HTTP', async () => {
    const response = await fetch(`${pipeline.outboxUrl}?limit=5`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { messages: Array<{ recipient: string }> };
    expect(body.messages.length).toBeGreaterThan(0);
    expect(body.messages[0].recipient).toMatch(/@example\.(com|org|net)$|^\+/);
  });
});

/** npm start's simulated recipients: opens and clicks reach the notifier as signed SendGrid events and flow on. */
describe('the embedded pipeline with simulated recipients', () => {
  let pipeline: EmbeddedPipeline;

  beforeAll(async () => {
    const ports = { INGEST_HTTP_PORT: '0', CHURN_SCORER_HTTP_PORT: '0', CHURN_GRPC_PORT: '0', ORCHESTRATOR_HTTP_PORT: '0', NOTIFIER_HTTP_PORT: '0', CONSOLE_HTTP_PORT: '0', LOG_LEVEL: 'error' };
    pipeline = await startEmbeddedPipeline({ customers: 25, days: 120, seed: 7, httpPort: 0, exitWhenDone: true, openRate: 1, clickRate: 1 }, ports);
  }, 60_000);

  afterAll(async () => {
    await pipeline?.close();
  });

  it('opens and clicks every email sent before a day ends, and the console funnel shows it', async () => {
    const report = await pipeline.replay();
    expect(report.rejected).toBe(0);
    await pipeline.bus.idle();
    const headers = { 'x-api-key': pipeline.consoleKey };
    const funnel = (await (await fetch(`${pipeline.consoleUrl}/api/funnel?channel=email`, { headers })).json()) as { counts: { sent: number; opened: number; clicked: number } };
    expect(funnel.counts.opened).toBeGreaterThan(0);
    expect(funnel.counts.clicked).toBe(funnel.counts.opened);
    expect(funnel.counts.opened).toBeLessThanOrEqual(funnel.counts.sent);
    // Each opened email reported twice more (opened, clicked) after its delivery result.
    expect(pipeline.bus.messages(Topics.CampaignResult).length).toBeGreaterThanOrEqual(pipeline.bus.messages(Topics.MessageRequested).length + 2 * funnel.counts.opened);
  }, 120_000);
});
