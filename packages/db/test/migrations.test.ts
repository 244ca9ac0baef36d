import { createFreshDatabase, type FreshDatabase } from '@syncengage/testing';
import { migrate, PgliteSqlClient, PgSqlClient, type Migration, type SqlClient } from '../src';

const MIGRATIONS: Migration[] = [
  { version: 1, name: 'accounts', sql: 'CREATE TABLE accounts (id text PRIMARY KEY, balance integer NOT NULL);' },
  { version: 2, name: 'accounts owner', sql: "ALTER TABLE accounts ADD COLUMN owner text NOT NULL DEFAULT 'nobody';\nCREATE INDEX accounts_owner ON accounts (owner);" },
];

describe.each([
  ['PostgreSQL server', 'postgres'],
  ['embedded PGlite', 'pglite'],
] as const)('migrations and transactions on %s', (_label, kind) => {
  let database: FreshDatabase | undefined;
  let db: SqlClient;

  beforeEach(async () => {
    if (kind === 'postgres') {
      database = await createFreshDatabase('db_migrations');
      db = new PgSqlClient(database.url);
    } else {
      db = await PgliteSqlClient.open();
    }
  });

  afterEach(async () => {
    await db.close();
    await database?.drop();
  });

  it('applies pending migrations once, in order, and records them', async () => {
    expect(await migrate(db, 'svc', MIGRATIONS)).toEqual({ applied: [1, 2], current: 2 });
    expect(await migrate(db, 'svc', MIGRATIONS)).toEqual({ applied: [], current: 2 });
    await db.query("INSERT INTO accounts (id, balance) VALUES ('a', 1)");
    const row = await db.query<{ owner: string }>("SELECT owner FROM accounts WHERE id = 'a'");
    expect(row.rows[0].owner).toBe('nobody');
    const ledger = await db.query<{ version: number }>("SELECT version FROM schema_migrations WHERE service = 'svc' ORDER BY version");
    expect(ledger.rows.map((r) => r.version)).toEqual([1, 2]);
  });

  it('keeps services apart in one database', async () => {
    await migrate(db, 'svc', MIGRATIONS.slice(0, 1));
    const other = await migrate(db, 'other', [{ version: 1, name: 'x', sql: 'CREATE TABLE other_things (id int);' }]);
    expect(other.applied).toEqual([1]);
  });

  it('rolls a failed migration back entirely', async () => {
    const broken: Migration[] = [{ version: 1, name: 'half', sql: 'CREATE TABLE half_done (id int);\nSELECT no_such_function();' }];
    await expect(migrate(db, 'broken', broken)).rejects.toThrow(/no_such_function/);
    const tables = await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
    expect(tables.rows).toHaveLength(0);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await migrate(db, 'svc', MIGRATIONS);
    await db.transaction(async (tx) => tx.query("INSERT INTO accounts (id, balance) VALUES ('kept', 1)"));
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO accounts (id, balance) VALUES ('lost', 1)");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const ids = await db.query<{ id: string }>('SELECT id FROM accounts ORDER BY id');
    expect(ids.rows.map((r) => r.id)).toEqual(['kept']);
  });

  it('refuses migrations that are out of order', async () => {
    await expect(migrate(db, 'svc', [MIGRATIONS[1], MIGRATIONS[0]])).rejects.toThrow(/out of order/);
  });
});

describe('migrations of several services starting at once on one PostgreSQL database', () => {
  it('creates the ledger once and applies each service’s migrations once', async () => {
    const database = await createFreshDatabase('db_race');
    const clients = Array.from({ length: 4 }, () => new PgSqlClient(database.url));
    try {
      const reports = await Promise.all(
        clients.map((client, index) =>
          migrate(client, `svc${index % 2}`, [{ version: 1, name: 't', sql: `CREATE TABLE IF NOT EXISTS race_${index % 2} (id int);` }]),
        ),
      );
      expect(reports.flatMap((report) => report.applied)).toEqual([1, 1]);
      const ledger = await clients[0].query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(ledger.rows[0].n).toBe(2);
    } finally {
      await Promise.all(clients.map((client) => client.close()));
      await database.drop();
    }
  });
});
