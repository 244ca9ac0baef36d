import { migrate, PgSqlClient } from '@syncengage/db';
import type { ChurnScored } from '@syncengage/contracts';
import { createFreshDatabase } from '@syncengage/testing';
import { DEFAULT_CAMPAIGNS } from '../../src/adapters/files/default-campaigns';
import { ORCHESTRATOR_MIGRATIONS } from '../../src/adapters/postgres/migrations';
import { PostgresCampaignCatalog } from '../../src/adapters/postgres/postgres-campaign-catalog';
import type { DecideForScore } from '../../src/application/decide-for-score';

/** A fresh PostgreSQL database with the orchestrator's schema and the default campaigns; `close` drops it. */
export interface SeededDatabase {
  db: PgSqlClient;
  close(): Promise<void>;
}

export async function createSeededDatabase(prefix: string): Promise<SeededDatabase> {
  const database = await createFreshDatabase(prefix);
  const db = new PgSqlClient(database.url);
  const close = async () => {
    await db.close();
    await database.drop();
  };
  try {
    await migrate(db, 'orchestrator', ORCHESTRATOR_MIGRATIONS);
    const catalog = new PostgresCampaignCatalog(db);
    for (const campaign of DEFAULT_CAMPAIGNS) await catalog.seed(campaign, 'test');
  } catch (error) {
    await close();
    throw error;
  }
  return { db, close };
}

/**
 * Decides every score with `inFlight` of them in flight at once (as many as a topic's partitions feed one instance)
 * and prints the rate under `label`: a figure to read, never to assert on.
 */
export async function measureDecisionsPerSecond(label: string, useCase: Pick<DecideForScore, 'execute'>, scores: ChurnScored[], inFlight: number): Promise<void> {
  const total = scores.length;
  const startedAt = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < total) await useCase.execute(scores[next++], 't');
    }),
  );
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  process.stdout.write(`${label}: ${total} decisions with ${inFlight} in flight in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} decisions/s\n`);
}
