import { EventHeaders, newEventId, type CustomerUpdated } from '@syncengage/contracts';
import { migrate, openDatabase, type SqlClient } from '@syncengage/db';
import { KafkaEventPublisher } from '@syncengage/kafka';
import { createRuntime } from '@syncengage/runtime';
import { createFreshDatabase, testKafkaBrokers, waitFor, type FreshDatabase } from '@syncengage/testing';
import { ManageOwnCustomers } from '../src/application/manage-own-customers';
import { INGEST_MIGRATIONS } from '../src/adapters/postgres/migrations';
import { PostgresCustomerStore } from '../src/adapters/postgres/postgres-customer-store';
import { loadIngestConfig } from '../src/config';
import { startIngest } from '../src/start-ingest';
import { startIngestService, type RunningIngest } from './support/ingest-service';

const API_TOKEN = 'customer-store-test-token';

/** The REST API of our own customer store, in the real service, on real PostgreSQL and the real broker. */
describe('the own customer store', () => {
  const runId = `cs${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
  const brokers = testKafkaBrokers();
  let ingest: RunningIngest;
  const eventsOf = (customerId: string): CustomerUpdated[] =>
    ingest.updates.messages.filter((message) => message.headers[EventHeaders.TraceId] === runId && message.key === customerId).map((message) => JSON.parse(message.value));
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${ingest.service.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_TOKEN}`, [EventHeaders.TraceId]: runId },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const id = (name: string) => `${runId}-${name}`;

  beforeAll(async () => {
    ingest = await startIngestService(brokers, 'ingest_customer_store', { CUSTOMER_STORE_API_TOKEN: API_TOKEN });
  }, 60_000);

  afterAll(async () => {
    await ingest?.close();
  });

  it('creates a customer, publishes customer_created, and reads it back', async () => {
    const created = await call('POST', '/customers', { id: id('ana'), profile: { email: 'ana@example.com', firstName: 'Ana', locale: 'es-MX' }, attributes: { plan: 'gold' } });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id: id('ana'), version: 1, profile: { email: 'ana@example.com' }, attributes: { plan: 'gold' } });
    await waitFor(() => eventsOf(id('ana')).length === 1, { description: 'customer_created on Kafka' });
    expect(eventsOf(id('ana'))[0]).toMatchObject({ change: 'customer_created', source: 'customer-store', profile: { email: 'ana@example.com', firstName: 'Ana', locale: 'es-MX' }, attributes: { plan: 'gold' } });
    const read = await call('GET', `/customers/${id('ana')}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: id('ana'), profile: { firstName: 'Ana' } });
  });

  it('gives a customer created without an id a generated one', async () => {
    const created = await call('POST', '/customers', { profile: { email: 'anon@example.com' } });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('merges a change, removing fields set to null, and publishes the whole profile', async () => {
    await call('POST', '/customers', { id: id('ben'), profile: { email: 'ben@example.com', firstName: 'Ben', phone: '+15558675310' } });
    const changed = await call('PATCH', `/customers/${id('ben')}`, { profile: { firstName: 'Benjamin', phone: null, smsConsent: true }, attributes: { vip: true } });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ version: 2, profile: { email: 'ben@example.com', firstName: 'Benjamin', smsConsent: true }, attributes: { vip: true } });
    await waitFor(() => eventsOf(id('ben')).length === 2, { description: 'both events of ben' });
    const [created, updated] = eventsOf(id('ben'));
    expect(created.change).toBe('customer_created');
    expect(updated).toMatchObject({ change: 'profile_updated', profile: { email: 'ben@example.com', firstName: 'Benjamin', smsConsent: true }, attributes: { vip: true } });
    expect(updated.profile).not.toHaveProperty('phone');
  });

  it('erases a customer, publishing withdrawn consent marked erased, after which it is gone', async () => {
    await call('POST', '/customers', { id: id('cleo'), profile: { email: 'cleo@example.com', emailConsent: true } });
    const erased = await call('DELETE', `/customers/${id('cleo')}`);
    expect(erased.status).toBe(200);
    await waitFor(() => eventsOf(id('cleo')).length === 2, { description: 'the erasure on Kafka' });
    expect(eventsOf(id('cleo'))[1]).toMatchObject({ change: 'profile_updated', profile: { emailConsent: false, smsConsent: false }, attributes: { erased: true } });
    expect(eventsOf(id('cleo'))[1].profile).not.toHaveProperty('email');
    for (const [method, body] of [['GET'], ['PATCH', { profile: { firstName: 'C' } }], ['DELETE']] as const) {
      expect((await call(method, `/customers/${id('cleo')}`, body)).status).toBe(404);
    }
  });

  it.each([
    ['an invalid email', { profile: { email: 'not-an-email' } }, ['profile.email: Invalid email']],
    ['a field the profile does not have', { profile: { nickname: 'Al' } }, ["profile: Unrecognized key(s) in object: 'nickname'"]],
    ['an id with a space', { id: 'a b' }, ['id: must be 1 to 128 printable ASCII characters without spaces']],
    ['attributes that are not an object', { attributes: ['x'] }, ['attributes: Expected object, received array']],
  ])('refuses a customer with %s, naming it, and publishes nothing', async (_, body, problems) => {
    const before = ingest.updates.messages.length;
    const refused = await call('POST', '/customers', body);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ message: problems });
    expect(ingest.updates.messages.length).toBe(before);
  });

  it('refuses an empty change and a malformed one with 400', async () => {
    await call('POST', '/customers', { id: id('dan') });
    const empty = await call('PATCH', `/customers/${id('dan')}`, {});
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ message: ['(root): give profile or attributes to change'] });
    const wrongPhone = await call('PATCH', `/customers/${id('dan')}`, { profile: { phone: '555-1234' } });
    expect(await wrongPhone.json()).toMatchObject({ message: ['profile.phone: must be an E.164 phone number like +15558675310'] });
    expect((await call('PATCH', `/customers/${id('dan')}`, '{"profile":')).status).toBe(400);
  });

  it('answers only a caller with the API token', async () => {
    await call('POST', '/customers', { id: id('fay') });
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${API_TOKEN}`]) {
      const refused = await fetch(`${ingest.service.url}/customers/${id('fay')}`, { headers: authorization ? { authorization } : {} });
      expect(refused.status).toBe(401);
    }
  });

  it('refuses to create a customer whose id is taken, publishing nothing', async () => {
    await call('POST', '/customers', { id: id('eve') });
    await waitFor(() => eventsOf(id('eve')).length === 1, { description: 'eve created' });
    const again = await call('POST', '/customers', { id: id('eve'), profile: { firstName: 'Other' } });
    expect(again.status).toBe(409);
    expect(eventsOf(id('eve'))).toHaveLength(1);
    expect(await (await call('GET', `/customers/${id('eve')}`)).json()).not.toHaveProperty('profile.firstName');
  });
});

describe('the own customer store, embedded (PGlite and the in-process bus)', () => {
  it('keeps its API off without CUSTOMER_STORE_API_TOKEN, and with it creates, changes and erases', async () => {
    const start = async (env: NodeJS.ProcessEnv) => {
      const config = loadIngestConfig({ INGEST_HTTP_PORT: '0', LOG_LEVEL: 'error', ...env });
      return startIngest(config, await createRuntime(config.infrastructure));
    };
    const off = await start({});
    try {
      const refused = await fetch(`${off.url}/customers/anyone`, { headers: { authorization: 'Bearer anything' } });
      expect(refused.status).toBe(404);
      expect(await refused.json()).toMatchObject({ message: 'the customer store API is off (CUSTOMER_STORE_API_TOKEN is not set)' });
    } finally {
      await off.close();
    }
    const on = await start({ CUSTOMER_STORE_API_TOKEN: API_TOKEN });
    try {
      const call = (method: string, path: string, body?: unknown) =>
        fetch(`${on.url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${API_TOKEN}` }, body: body === undefined ? undefined : JSON.stringify(body) });
      expect((await call('POST', '/customers', { id: 'embedded', profile: { email: 'e@example.com' } })).status).toBe(201);
      expect(await (await call('PATCH', '/customers/embedded', { profile: { firstName: 'Em' } })).json()).toMatchObject({ version: 2, profile: { email: 'e@example.com', firstName: 'Em' } });
      expect((await call('DELETE', '/customers/embedded')).status).toBe(200);
      expect((await call('GET', '/customers/embedded')).status).toBe(404);
    } finally {
      await on.close();
    }
  }, 120_000);
});

describe('the own customer store when Kafka does not take the event', () => {
  let database: FreshDatabase;
  let db: SqlClient;

  beforeAll(async () => {
    database = await createFreshDatabase('ingest_customer_store_down');
    db = await openDatabase(database.url);
    await migrate(db, 'ingest', INGEST_MIGRATIONS);
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('keeps nothing of a write whose event could not be published', async () => {
    const store = new PostgresCustomerStore(db);
    const up = await KafkaEventPublisher.connect(testKafkaBrokers(), `customer-store-up-${Date.now()}`);
    await new ManageOwnCustomers(store, up, () => new Date(), newEventId).create({ id: 'kept', profile: { firstName: 'Kept' } }, newEventId());
    await up.close(); // a producer that cannot send any more, as when the brokers are gone
    const down = new ManageOwnCustomers(store, up, () => new Date(), newEventId);
    await expect(down.create({ id: 'lost', profile: { firstName: 'Lost' } }, newEventId())).rejects.toThrow();
    await expect(down.update('kept', { profile: { firstName: 'Changed' } }, newEventId())).rejects.toThrow();
    await expect(down.erase('kept', newEventId())).rejects.toThrow();
    expect(await store.find('lost')).toBeUndefined();
    expect(await store.find('kept')).toMatchObject({ version: 1, profile: { firstName: 'Kept' } });
  });
});
