import { Topics } from '@syncengage/contracts';
import { PgSqlClient } from '@syncengage/db';
import { KafkaEventPublisher } from '@syncengage/kafka';
import {
  collectMessages,
  createFreshDatabase,
  createTestKafka,
  startServiceProcess,
  testKafkaBrokers,
  waitFor,
  type FreshDatabase,
  type MessageCollector,
  type ServiceProcess,
} from '@syncengage/testing';
import { prepareTopics } from './journey-harness';
import { kafkaOrchestratorEnv } from './support/orchestrator-env';
import { atRiskScore } from './support/scores';

/**
 * The orchestrator as production runs it (node dist/main.js over Kafka and PostgreSQL) dies between committing a
 * decision and publishing its message-requested (ORCHESTRATOR_FAULT=exit-after-commit: SIGKILL at that exact
 * point), then starts again. Every decision's message must be published exactly once, and the budget ledger
 * must agree with the decisions to the cent.
 */
describe('an orchestrator killed between commit and publish', () => {
  const brokers = testKafkaBrokers();
  const runId = `outboxcrash${Date.now().toString(36)}`;
  const groupId = `${runId}-orchestrator`;
  const customers = Array.from({ length: 6 }, (_, index) => `${runId}-c${index}`);
  let database: FreshDatabase;
  let db: PgSqlClient;
  let publisher: KafkaEventPublisher;
  let messages: MessageCollector;
  let crashing: ServiceProcess | undefined;
  let restarted: ServiceProcess | undefined;
  const FAULT_LINE = /ORCHESTRATOR_FAULT exit-after-commit: killed before publishing (\S+)/;

  beforeAll(async () => {
    await prepareTopics(brokers, groupId);
    database = await createFreshDatabase(runId);
    db = new PgSqlClient(database.url);
    publisher = await KafkaEventPublisher.connect(brokers, `${runId}-test`);
    messages = await collectMessages(brokers, Topics.MessageRequested, { fromBeginning: false });
  }, 90_000);

  afterAll(async () => {
    // A SIGKILLed child has no exit code, and stop() would wait for an exit that already happened.
    if (crashing && !FAULT_LINE.test(crashing.output())) await crashing.stop();
    await restarted?.stop();
    await messages?.stop();
    await publisher?.close();
    await db?.close();
    await database?.drop();
  }, 30_000);

  const env = () => ({
    ...kafkaOrchestratorEnv(brokers, groupId, database.url),
    LOG_LEVEL: 'warn',
    AB_HOLDOUT_PERCENT: '0',
    OUTBOX_FLUSH_INTERVAL_MS: '100',
    DAILY_DISCOUNT_BUDGET_CENTS: '1000000',
  });
  const publishedTo = (customerId: string) => messages.messages.filter((message) => message.key === customerId).map((message) => JSON.parse(message.value).eventId as string);

  /** Every churn-scored offset committed by the group: each score, the redelivered ones included, was handled. */
  async function allScoresHandled(): Promise<boolean> {
    const admin = createTestKafka(brokers, `${runId}-admin`).admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(Topics.ChurnScored);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [Topics.ChurnScored] });
      return ends.every((end) => committed.partitions.find((partition) => partition.partition === end.partition)?.offset === end.high);
    } finally {
      await admin.disconnect();
    }
  }

  it('publishes every decision’s message exactly once after the restart, and the budget ledger adds up', async () => {
    crashing = await startServiceProcess('orchestrator', { ...env(), ORCHESTRATOR_FAULT: 'exit-after-commit' }, /^orchestrator consuming/);
    for (const customerId of customers) await publisher.publish(Topics.ChurnScored, atRiskScore(customerId), `trace-${customerId}`);

    const killedBefore = await waitFor(() => FAULT_LINE.exec(crashing!.output())?.[1], { description: 'the orchestrator to die before its first publish', timeoutMs: 60_000 });
    const stranded = await db.query<{ published_at: Date | null }>('SELECT published_at FROM orchestrator_outbox WHERE message_id = $1', [killedBefore]);
    expect(stranded.rows).toEqual([{ published_at: null }]);
    const committed = await db.query("SELECT 1 FROM orchestrator_decisions WHERE message_id = $1 AND action = 'send'", [killedBefore]);
    expect(committed.rows).toHaveLength(1);
    expect(messages.messages.some((message) => JSON.parse(message.value).eventId === killedBefore)).toBe(false);

    restarted = await startServiceProcess('orchestrator', env(), /^orchestrator consuming/);
    await waitFor(() => customers.every((customerId) => publishedTo(customerId).length > 0), { description: 'a message-requested for every customer', timeoutMs: 90_000 });
    await waitFor(allScoresHandled, { description: 'the group to commit every churn-scored offset', timeoutMs: 60_000 });
    await waitFor(async () => (await db.query('SELECT 1 FROM orchestrator_outbox WHERE published_at IS NULL')).rows.length === 0, { description: 'the outbox to drain' });

    for (const customerId of customers) expect(publishedTo(customerId)).toHaveLength(1);
    expect(publishedTo(customers.find((customerId) => publishedTo(customerId)[0] === killedBefore)!)).toEqual([killedBefore]);
    const decisions = await db.query<{ message_id: string; reserved_cents: string }>(
      "SELECT message_id, reserved_cents FROM orchestrator_decisions WHERE action = 'send' AND customer_id = ANY($1)",
      [customers],
    );
    expect(decisions.rows.map((row) => row.message_id).sort()).toEqual(customers.map((customerId) => publishedTo(customerId)[0]).sort());
    const outbox = await db.query<{ n: string }>('SELECT count(*) AS n FROM orchestrator_outbox WHERE topic = $1', [Topics.MessageRequested]);
    expect(Number(outbox.rows[0].n)).toBe(customers.length);
    const reserved = decisions.rows.reduce((sum, row) => sum + Number(row.reserved_cents), 0);
    expect(reserved).toBeGreaterThan(0);
    const budget = await db.query<{ reserved_cents: string; spent_cents: string }>('SELECT reserved_cents, spent_cents FROM orchestrator_budget_days');
    expect(budget.rows.map((row) => [Number(row.reserved_cents), Number(row.spent_cents)])).toEqual([[reserved, 0]]);
  }, 240_000);
});
