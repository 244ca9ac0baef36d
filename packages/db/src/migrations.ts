import type { SqlClient } from './sql-client';

export interface Migration {
  /** Strictly increasing per service; never edit one that has shipped, add the next. */
  version: number;
  name: string;
  sql: string;
}

export interface MigrationReport {
  applied: number[];
  current: number;
}

const LEDGER = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    service    text        NOT NULL,
    version    integer     NOT NULL,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service, version)
  )`;

/** One lock for every service: they may share a database, and the ledger itself must be created once. */
const MIGRATION_LOCK = 'syncengage-migrate';

/**
 * Applies the service's pending migrations in order, each in its own transaction. Instances (and services)
 * that start at once take turns on an advisory lock, so a migration runs exactly once however many boot.
 */
export async function migrate(db: SqlClient, service: string, migrations: readonly Migration[]): Promise<MigrationReport> {
  assertOrdered(service, migrations);
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [MIGRATION_LOCK]);
    await tx.query(LEDGER);
  });
  const applied: number[] = [];
  for (const migration of migrations) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [MIGRATION_LOCK]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE service = $1 AND version = $2', [service, migration.version]);
      if (done.rows.length > 0) return false;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (service, version, name) VALUES ($1, $2, $3)', [service, migration.version, migration.name]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return { applied, current: migrations.length ? migrations[migrations.length - 1].version : 0 };
}

function assertOrdered(service: string, migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (index > 0 && migration.version <= migrations[index - 1].version) {
      throw new Error(`${service} migrations are out of order at version ${migration.version}`);
    }
  });
}

/** Parameterised transactions take one statement at a time; our migrations keep `;` out of literals. */
function splitStatements(sql: string): string[] {
  return sql.split(/;\s*(?:\n|$)/).map((statement) => statement.trim()).filter((statement) => statement.length > 0);
}
