import { PgSqlClient } from './pg-sql-client';
import { PgliteSqlClient } from './pglite-sql-client';
import type { SqlClient } from './sql-client';

/** A server when a URL is given; otherwise the embedded engine in memory (the quick start). */
export async function openDatabase(databaseUrl: string | undefined): Promise<SqlClient> {
  if (databaseUrl) return new PgSqlClient(databaseUrl);
  return PgliteSqlClient.open();
}
