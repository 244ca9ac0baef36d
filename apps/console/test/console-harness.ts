import { loadConsoleConfig, startConsole, type RunningConsole } from '../src';
import { PgSqlClient, type SqlClient } from '@syncengage/db';
import { InProcessBus } from '@syncengage/kafka';
import { createRuntime } from '@syncengage/runtime';
import { createFreshDatabase, waitFor, type FreshDatabase } from '@syncengage/testing';
import { SEED_DISTINCT_EVENTS, SEED_EVENTS } from './seed-events';

export const KEYS = { viewer: 'viewer-key-0123456789', operator: 'operator-key-0123456789', admin: 'admin-key-0123456789' } as const;

export interface SeededConsole {
  console: RunningConsole;
  bus: InProcessBus;
  db: SqlClient;
  close(): Promise<void>;
}

/** The console on the in-process bus over a fresh PostgreSQL database, fed the seed through its own consumer. */
export async function startSeededConsole(prefix: string): Promise<SeededConsole> {
  const database: FreshDatabase = await createFreshDatabase(prefix);
  const db = new PgSqlClient(database.url);
  const bus = new InProcessBus({ redeliveryDelayMs: 20 });
  const config = loadConsoleConfig({
    CONSOLE_HTTP_PORT: '0',
    LOG_LEVEL: 'error',
    CONSOLE_API_KEYS: Object.entries(KEYS).map(([role, key]) => `${key}:${role}`).join(','),
    CONSOLE_ORCHESTRATOR_URL: 'http://orchestrator.test:3002',
    DAILY_DISCOUNT_BUDGET_CENTS: '2000',
  });
  const runtime = await createRuntime(config.infrastructure, { bus, db });
  const running = await startConsole(config, runtime, bus);
  for (const seed of SEED_EVENTS) await runtime.publisher.publish(seed.topic, seed.event, 'seed-trace');
  await bus.idle();
  await waitFor(async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM console_events')).rows[0].n === SEED_DISTINCT_EVENTS, {
    description: 'every seeded event recorded',
  });
  return {
    console: running,
    bus,
    db,
    close: async () => {
      await running.close();
      await db.close();
      await database.drop();
    },
  };
}
