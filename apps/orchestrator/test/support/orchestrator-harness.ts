import { PgSqlClient } from '@syncengage/db';
import { deriveEventId, decodeMessageRequested, Topics, type ChurnScored, type MessageRequested } from '@syncengage/contracts';
import { InProcessBus, InProcessEventPublisher } from '@syncengage/kafka';
import { createRuntime, type RunningService } from '@syncengage/runtime';
import { createFreshDatabase, waitFor, type FreshDatabase } from '@syncengage/testing';
import { loadOrchestratorConfig } from '../../src/config';
import { startOrchestrator } from '../../src/start-orchestrator';

/** The real orchestrator (Nest, HTTP, PostgreSQL) on an in-process bus, for tests that drive it from outside. */
export interface OrchestratorHarness {
  url: string;
  db: PgSqlClient;
  bus: InProcessBus;
  publishScore(scored: ChurnScored): Promise<void>;
  waitForMessage(causationId: string): Promise<MessageRequested>;
  stop(): Promise<void>;
}

export async function startOrchestratorHarness(prefix: string, env: Record<string, string> = {}, now?: () => Date): Promise<OrchestratorHarness> {
  const database: FreshDatabase = await createFreshDatabase(prefix);
  const db = new PgSqlClient(database.url);
  const bus = new InProcessBus();
  const config = loadOrchestratorConfig({ ORCHESTRATOR_HTTP_PORT: '0', LOG_LEVEL: 'error', AB_HOLDOUT_PERCENT: '0', ...env });
  let service: RunningService | undefined;
  try {
    service = await startOrchestrator(config, await createRuntime(config.infrastructure, { bus, db }), now);
  } catch (error) {
    await db.close();
    await database.drop();
    throw error;
  }
  const publisher = new InProcessEventPublisher(bus);
  return {
    url: service.url!,
    db,
    bus,
    publishScore: (scored) => publisher.publish(Topics.ChurnScored, scored, `trace-${scored.eventId}`),
    waitForMessage: (causationId) =>
      waitFor(
        () => {
          const found = bus.messages(Topics.MessageRequested).find((message) => message.key && JSON.parse(message.value.toString()).eventId === deriveEventId(causationId, Topics.MessageRequested));
          return found ? decodeMessageRequested(JSON.parse(found.value.toString())) : undefined;
        },
        { description: `message-requested caused by ${causationId}`, timeoutMs: 10_000 },
      ),
    stop: async () => {
      await service?.close();
      await db.close();
      await database.drop();
    },
  };
}

