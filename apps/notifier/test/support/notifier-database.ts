import { migrate, PgSqlClient } from '@syncengage/db';
import { createFreshDatabase } from '@syncengage/testing';
import { NOTIFIER_MIGRATIONS } from '../../src/adapters/postgres/migrations';

/** A fresh PostgreSQL database with the notifier's schema, for one suite. */
export interface NotifierDatabase {
  db: PgSqlClient;
  close(): Promise<void>;
}

export async function openNotifierDatabase(name: string): Promise<NotifierDatabase> {
  const database = await createFreshDatabase(name);
  const db = new PgSqlClient(database.url);
  const close = async () => {
    await db.close();
    await database.drop();
  };
  await migrate(db, 'notifier', NOTIFIER_MIGRATIONS).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  return { db, close };
}
