import { Pool, type PoolConfig } from 'pg';
import type { QueryResult, SqlClient, SqlExecutor } from './sql-client';

export class PgSqlClient implements SqlClient {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;

  constructor(connectionString: string, options: Omit<PoolConfig, 'connectionString'> = {}) {
    this.pool = new Pool({ connectionString, max: 10, ...options });
    // An idle client losing its connection must not crash the service; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
    const result = await this.pool.query(sql, params as unknown[]);
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: SqlExecutor = {
      query: async <Row>(sql: string, params: readonly unknown[] = []) => {
        const result = await client.query(sql, params as unknown[]);
        return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
      },
    };
    try {
      await client.query('BEGIN');
      const value = await work(tx);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
