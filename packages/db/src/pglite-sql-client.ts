import { PGlite } from '@electric-sql/pglite';
import type { QueryResult, SqlClient, SqlExecutor } from './sql-client';

/**
 * The real PostgreSQL engine compiled to WebAssembly, in this process: the quick start runs the same
 * migrations and SQL as production without a database server.
 */
export class PgliteSqlClient implements SqlClient {
  readonly kind = 'pglite' as const;

  private constructor(private readonly db: PGlite) {}

  /** `dataDir` undefined keeps everything in memory. */
  static async open(dataDir?: string): Promise<PgliteSqlClient> {
    const db = dataDir ? new PGlite(dataDir) : new PGlite();
    await db.waitReady;
    return new PgliteSqlClient(db);
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
    return toResult<Row>(await this.db.query<Row>(sql, params as unknown[]));
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(async (transaction) =>
      work({ query: async <Row>(sql: string, params: readonly unknown[] = []) => toResult<Row>(await transaction.query<Row>(sql, params as unknown[])) }),
    );
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

function toResult<Row>(result: { rows: Row[]; affectedRows?: number }): QueryResult<Row> {
  return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
}
