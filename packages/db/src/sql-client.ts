/** The few things services ask of a SQL database; PostgreSQL (pg) and PGlite both provide them. */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
}

export interface QueryResult<Row> {
  rows: Row[];
  /** Rows inserted, updated or deleted (0 for a SELECT on PGlite). */
  rowCount: number;
}

export interface SqlClient extends SqlExecutor {
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Several statements at once, no parameters: for migrations. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** `postgres` for a server, `pglite` for the embedded engine; shown at start-up. */
  readonly kind: 'postgres' | 'pglite';
}
