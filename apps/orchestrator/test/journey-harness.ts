import { randomUUID } from 'node:crypto';
import { ALL_TOPICS, decodeMessageRequested, Topics, type CampaignResult, type ChurnScored, type MessageRequested } from '@syncengage/contracts';
import { PgSqlClient } from '@syncengage/db';
import { ensureTopics, KafkaEventPublisher } from '@syncengage/kafka';
import { Kafka, logLevel } from 'kafkajs';
import { createRuntime, type RunningService } from '@syncengage/runtime';
import { collectMessages, createFreshDatabase, startGroupAtTopicEnd, testKafkaBrokers, waitFor, type FreshDatabase, type MessageCollector } from '@syncengage/testing';
import { loadOrchestratorConfig } from '../src/config';
import { startOrchestrator } from '../src/start-orchestrator';

/**
 * Orchestrators as Nest apps over the real test broker and one fresh PostgreSQL database, with the service clock
 * in the test's hands: a journey's three days pass by moving `clock`, and a restart is a new app on the database.
 */
export interface JourneyWorld {
  runId: string;
  db: PgSqlClient;
  clock: { now: Date };
  messages: MessageCollector;
  startInstance(env?: Record<string, string>): Promise<RunningService>;
  publishScore(scored: ChurnScored): Promise<void>;
  publishResult(result: CampaignResult): Promise<void>;
  /** message-requested events of one customer, decoded, in arrival order. */
  messagesOf(customerId: string): MessageRequested[];
  journeyOf(customerId: string): Promise<{ status: string; state: Record<string, unknown>; instance_id: string } | undefined>;
  close(): Promise<void>;
}

export async function createJourneyWorld(prefix: string): Promise<JourneyWorld> {
  const brokers = testKafkaBrokers();
  const runId = `${prefix}${Date.now().toString(36)}`;
  const groupId = `${runId}-orchestrator`;
  await prepareTopics(brokers, groupId);
  const database: FreshDatabase = await createFreshDatabase(runId);
  const db = new PgSqlClient(database.url);
  const publisher = await KafkaEventPublisher.connect(brokers, `${runId}-test`);
  const messages = await collectMessages(brokers, Topics.MessageRequested, { fromBeginning: false });
  const clock = { now: new Date('2026-03-02T10:00:00Z') };
  const services: RunningService[] = [];
  return {
    runId,
    db,
    clock,
    messages,
    startInstance: async (env = {}) => {
      const config = loadOrchestratorConfig({
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_GROUP_ID: groupId,
        DATABASE_URL: database.url,
        ORCHESTRATOR_HTTP_PORT: '0',
        LOG_LEVEL: 'error',
        AB_HOLDOUT_PERCENT: '0',
        JOURNEY_POLL_INTERVAL_MS: '50',
        OUTBOX_FLUSH_INTERVAL_MS: '50',
        ...env,
      });
      const service = await startOrchestrator(config, await createRuntime(config.infrastructure), () => clock.now);
      services.push(service);
      return service;
    },
    publishScore: (scored) => publisher.publish(Topics.ChurnScored, scored, `trace-${scored.customerId}`),
    publishResult: (result) => publisher.publish(Topics.CampaignResult, result, `trace-${result.customerId}`),
    messagesOf: (customerId) =>
      messages.messages.filter((message) => message.key === customerId).map((message) => decodeMessageRequested(JSON.parse(message.value))),
    journeyOf: async (customerId) =>
      (await db.query<{ status: string; state: Record<string, unknown>; instance_id: string }>('SELECT status, state, instance_id FROM orchestrator_journey_instances WHERE customer_id = $1', [customerId]))
        .rows[0],
    close: async () => {
      await Promise.all(services.map((service) => service.close().catch(() => undefined)));
      await messages.stop();
      await publisher.close();
      await db.close();
      await database.drop();
    },
  };
}

/** A customer in their first weeks: New under the default rules. */
export function newCustomerScore(customerId: string, overrides: Partial<ChurnScored> = {}): ChurnScored {
  return {
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    customerId,
    eventType: 'churn-scored',
    schemaVersion: 1,
    score: 0.2,
    band: 'low',
    modelVersion: 'rf-1',
    horizonDays: 30,
    rfm: { recencyDays: 3, frequency: 1, monetaryTotalCents: 4_000, tenureDays: 5 },
    profile: { email: `${customerId}@example.com`, firstName: 'Ana', locale: 'en' },
    trigger: 'purchase_made',
    ...overrides,
  };
}

/** What the notifier reports about a message at one stage; flags are cumulative, as the notifier sends them. */
export function resultFor(message: MessageRequested, stage: 'opened' | 'clicked' | 'converted'): CampaignResult {
  return {
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    customerId: message.customerId,
    eventType: 'campaign-result',
    schemaVersion: 1,
    messageId: message.eventId,
    campaignId: message.campaignId,
    campaignVersion: message.campaignVersion,
    variant: message.variant,
    channel: message.channel,
    provider: 'sendgrid',
    status: 'sent',
    stage,
    opened: true,
    clicked: stage !== 'opened',
    converted: stage === 'converted',
    revenueImpactCents: stage === 'converted' ? 5_000 : 0,
    discountReservedCents: 0,
  };
}

export const waitForMessages = (world: JourneyWorld, customerId: string, count: number) =>
  waitFor(() => world.messagesOf(customerId).length >= count && world.messagesOf(customerId), {
    description: `${count} message-requested for ${customerId}`,
    timeoutMs: 30_000,
  });

/**
 * Creates the missing topics, waits until each answers offset requests (a just-created partition refuses them for a
 * moment), then starts `groupId` at the end of each: a broker shared with other suites holds their leftovers.
 */
export async function prepareTopics(brokers: string[], groupId: string): Promise<void> {
  await ensureTopics(brokers, 3);
  const admin = new Kafka({ clientId: `${groupId}-probe`, brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    for (const topic of ALL_TOPICS) {
      await waitFor(() => admin.fetchTopicOffsets(topic).then(() => true, () => false), { description: `${topic} to have leaders`, timeoutMs: 30_000 });
    }
  } finally {
    await admin.disconnect();
  }
  for (const topic of ALL_TOPICS) await startGroupAtTopicEnd(brokers, groupId, topic);
}
