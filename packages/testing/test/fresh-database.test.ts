import { Client } from 'pg';
import { createFreshDatabase, testDatabaseAdminUrl } from '../src';

async function query<Row extends object>(url: string, sql: string, values: unknown[] = []): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe(createFreshDatabase.name, () => {
  it('creates an empty database of its own that drop() removes, even with a connection still open', async () => {
    const database = await createFreshDatabase('Fresh-DB test');
    const databaseName = new URL(database.url).pathname.slice(1);
    expect(databaseName).toMatch(/^fresh_db_test_[a-z0-9]+_[0-9a-f]{8}$/);

    await query(database.url, 'CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)');
    await query(database.url, "INSERT INTO notes VALUES (1, 'kept')");
    expect(await query(database.url, 'SELECT body FROM notes')).toEqual([{ body: 'kept' }]);

    const leftOpen = new Client({ connectionString: database.url });
    await leftOpen.connect();
    leftOpen.on('error', () => undefined); // drop() terminates this connection on purpose
    await database.drop();

    const remaining = await query(testDatabaseAdminUrl(), 'SELECT datname FROM pg_database WHERE datname = $1', [databaseName]);
    expect(remaining).toEqual([]);
    await leftOpen.end().catch(() => undefined);
  });
});
