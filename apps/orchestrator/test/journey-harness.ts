import { ALL_TOPICS, decodeMessageRequested, Topics, type CampaignResult, type ChurnScored, type MessageRequested } from '@syncengage/contracts';
import { PgSqlClient } from '@syncengage/db';
import { ensureTopics, KafkaEventPublisher } from '@syncengage/kafka';
import { Kafka, logLevel } from 'kafkajs';
import { createRuntime, type RunningService } from '@syncengage/runtime';
import { collectMessages, createFreshDatabase, startGroupAtTopicEnd, testKafkaBrokers, waitFor, type FreshDatabase, type MessageCollector } from '@syncengage/testing';
import { loadOrchestratorConfig } from '../src/config';
import { startOrchestrator } from '../src/start-orchestrator';
import { campaignResult } from './support/campaign-results';
import { kafkaOrchestratorEnv } from './support/orchestrator-env';

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
        ...kafkaOrchestratorEnv(brokers, groupId, database.url),
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

/** What the notifier reports about a message at one stage; flags are cumulative, as the notifier sends them. */
export function resultFor(message: MessageRequested, stage: 'opened' | 'clicked' | 'converted'): CampaignResult {
  const of = { customerId: message.customerId, messageId: message.eventId, campaignId: message.campaignId, campaignVersion: message.campaignVersion, variant: message.variant };
  return campaignResult(of, {
    channel: message.channel,
    provider: 'sendgrid',
    stage,
    opened: true,
    clicked: stage !== 'opened',
    converted: stage === 'converted',
    revenueImpactCents: stage === 'converted' ? 5_000 : 0,
  });
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
