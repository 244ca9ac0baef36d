import { Client } from 'pg';
import { createFreshDatabase, testKafkaBrokers, waitFor, type FreshDatabase } from '@syncengage/testing';
import { BadCredentials } from '../src/application/connector-errors';
import type { CrmConnector } from '../src/application/crm-connector';
import { createConnector } from '../src/adapters/connectors/create-connector';
import { loadIngestConfig } from '../src/config';
import { SyncScheduler } from '../src/adapters/schedule/sync-scheduler';
import { openSyncHarness, type SyncHarness } from './support/sync-harness';

const CUSTOMERS = 2_000;
const FAST_RETRY = { attempts: 2, firstDelayMs: 10, maxDelayMs: 50 };

/** The user's own tables, with their own column names, read through a mapping into real Kafka. */
describe('the PostgreSQL connector against a real database and broker', () => {
  const runId = `pg${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
  const brokers = testKafkaBrokers();
  let source: FreshDatabase;
  let sourceClient: Client;
  let harness: SyncHarness;
  let connector: CrmConnector;
  const ofThisRun = () => harness.updates.messages.filter((message) => message.key?.startsWith(`${runId}-`));
  // Built as the service and `npm run import` build it, from SYNCENGAGE_CRM_PROVIDER=postgres and its variables.
  const newConnector = (connectionString = source.url) =>
    createConnector(
      loadIngestConfig({
        SYNCENGAGE_CRM_PROVIDER: 'postgres',
        POSTGRES_CONN_STRING: connectionString,
        POSTGRES_CUSTOMERS_TABLE: 'shop.clients',
        POSTGRES_ORDERS_TABLE: 'shop.purchases',
        POSTGRES_COLUMN_MAP: 'customer.id=client_ref,customer.email=mail,customer.first_name=given_name,customer.last_name=-,customer.phone=-,customer.locale=-,customer.country=-,customer.updated_at=modified,order.customer_id=client_ref,order.amount=total,order.currency=-,order.ordered_at=placed,order.updated_at=modified',
        CRM_PAGE_SIZE: '500',
        CRM_SYNC_SETTLE_MS: '0',
      }),
    );

  beforeAll(async () => {
    [source, harness] = await Promise.all([
      createFreshDatabase('ingest_pg_source'),
      openSyncHarness(brokers, { databaseName: 'ingest_pg_own', clientId: `${runId}-publisher`, retry: FAST_RETRY }),
    ]);
    sourceClient = new Client({ connectionString: source.url });
    await sourceClient.connect();
    await sourceClient.query(`
      CREATE SCHEMA shop;
      CREATE TABLE shop.clients (client_ref text PRIMARY KEY, mail text, given_name text, modified timestamptz NOT NULL);
      CREATE TABLE shop.purchases (id bigint PRIMARY KEY, client_ref text NOT NULL, total numeric(12,2) NOT NULL, placed timestamptz NOT NULL, modified timestamptz NOT NULL);
      INSERT INTO shop.clients SELECT '${runId}-' || i, 'c' || i || '@example.com', 'Name' || i, now() - interval '1 day' + i * interval '1 second' FROM generate_series(1, ${CUSTOMERS}) i;
      UPDATE shop.clients SET mail = 'not an email' WHERE client_ref = '${runId}-7';
      INSERT INTO shop.purchases SELECT i, '${runId}-' || i, 10 + i / 100.0, now() - interval '2 days', now() - interval '1 day' + i * interval '1 second' FROM generate_series(1, ${CUSTOMERS}) i;
    `);
    connector = newConnector();
  }, 60_000);

  afterAll(async () => {
    await connector?.close();
    await harness?.close();
    await sourceClient?.end();
    await source?.drop();
  });

  const syncOf = (c = connector) => harness.syncOf(c);

  it('imports every customer and order once, resuming an interrupted import from its checkpoint', async () => {
    const interrupted = await syncOf().run('import', undefined, 2);
    expect(interrupted).toEqual({ published: 1_000, pages: 2 });
    const startedAt = Date.now();
    const resumed = await syncOf(newConnector()).run('import');
    expect(resumed.published).toBe(2 * CUSTOMERS - 1_000); // nothing read twice, nothing skipped
    await waitFor(() => ofThisRun().length >= 2 * CUSTOMERS, { description: 'every customer and order on Kafka', timeoutMs: 60_000 });
    const seconds = (Date.now() - startedAt) / 1000;
    process.stdout.write(`postgres import: ${resumed.published} records (${CUSTOMERS - 1_000} customers, ${CUSTOMERS} orders) in ${seconds.toFixed(2)} s = ${Math.round(resumed.published / seconds)} records/s\n`);
    const events = ofThisRun().map((message) => JSON.parse(message.value));
    expect(new Set(events.map((event) => event.eventId)).size).toBe(2 * CUSTOMERS);
    expect(events.find((event) => event.customerId === `${runId}-42` && event.change === 'profile_updated')).toMatchObject({
      source: 'postgres', profile: { email: 'c42@example.com', firstName: 'Name42' },
    });
    expect(events.find((event) => event.customerId === `${runId}-42` && event.change === 'purchase_made')).toMatchObject({
      purchase: { orderId: '42', amountCents: 1_042, currency: 'USD' },
    });
    // A bad email does not stop the import: it is left out and named.
    expect(events.find((event) => event.customerId === `${runId}-7` && event.change === 'profile_updated')).toMatchObject({ profile: { firstName: 'Name7' }, attributes: { invalidProfileFields: ['email'] } });
  }, 120_000);

  it('then syncs only what changed since, starting where the import ended', async () => {
    const before = ofThisRun().length;
    await sourceClient.query(`UPDATE shop.clients SET given_name = 'Changed', modified = now() WHERE client_ref IN ('${runId}-1', '${runId}-2')`);
    await sourceClient.query(`INSERT INTO shop.purchases VALUES (${CUSTOMERS + 1}, '${runId}-1', 5.5, now(), now())`);
    expect(await syncOf().run('changes')).toEqual({ published: 3, pages: 2 });
    expect(await syncOf().run('changes')).toEqual({ published: 0, pages: 2 });
    await waitFor(() => ofThisRun().length >= before + 3, { description: 'the three changes' });
    const changed = ofThisRun().slice(before).map((message) => JSON.parse(message.value));
    expect(changed.map((event) => `${event.customerId}:${event.change}`).sort()).toEqual([`${runId}-1:profile_updated`, `${runId}-1:purchase_made`, `${runId}-2:profile_updated`]);
  });

  it('picks a change up as soon as the user\'s trigger NOTIFYs, without waiting for the interval', async () => {
    const scheduler = new SyncScheduler(newConnector(), syncOf(), 0);
    await scheduler.start();
    try {
      await sourceClient.query(`INSERT INTO shop.clients VALUES ('${runId}-pushed', 'pushed@example.com', 'Pushed', now())`);
      await sourceClient.query(`NOTIFY syncengage_changes, 'shop.clients'`);
      await waitFor(() => ofThisRun().some((message) => message.key === `${runId}-pushed`), { description: 'the pushed customer on Kafka' });
    } finally {
      await scheduler.stop();
    }
  });

  it('looks one customer up by id', async () => {
    expect(await connector.lookUp('customers', `${runId}-3`)).toMatchObject({ kind: 'customer', id: `${runId}-3`, profile: { email: 'c3@example.com' } });
    expect(await connector.lookUp('customers', 'nobody')).toBeUndefined();
  });

  it('refuses bad credentials at once with what to fix, without retrying', async () => {
    const url = new URL(source.url);
    url.username = 'no_such_role';
    const wrong = newConnector(url.toString());
    try {
      const failure = await wrong.connect().catch((error) => error);
      expect(failure).toBeInstanceOf(BadCredentials);
      expect(failure.retryable).toBe(false);
      expect(failure.message).toMatch(/POSTGRES_CONN_STRING/);
    } finally {
      await wrong.close();
    }
  });
});
