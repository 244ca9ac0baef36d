import { sharedSpec, startPrism, testKafkaBrokers, waitFor, type PrismServer } from '@syncengage/testing';
import { BadCredentials, ConnectorError } from '../src/application/connector-errors';
import { retryTransient } from '../src/application/retry-transient';
import { HubSpotConnector } from '../src/adapters/connectors/hubspot/hubspot-connector';
import { startHubSpotFake, type HubSpotFake } from './support/hubspot-fake';
import { openSyncHarness, type SyncHarness } from './support/sync-harness';

// Run by `npm run test:shared`: the official SDK talks to Prism (proxy mode, --errors), which checks every request
// and every answer of our stateful fake against HubSpot's published CRM contacts spec.
const SPEC = sharedSpec('hubspot/crm-contacts-v3.json');
const CONTACTS = 2_000;
const TOKEN = 'pat-na1-valid';
const EXPIRED = 'pat-na1-expired';
const FAST_RETRY = { attempts: 2, firstDelayMs: 10, maxDelayMs: 2_000 };
const SEEDED_AT = Date.parse('2026-01-01T00:00:00Z');
/** Contacts 1,001 to 1,300 share one lastmodifieddate (a bulk edit): more than a search page of ties. */
const TIE = { from: 1_001, to: 1_300 };

describe('the HubSpot connector through @hubspot/api-client, Prism and a real broker', () => {
  const brokers = testKafkaBrokers();
  // HubSpot ids are numbers; a per-run base keeps this run's messages apart on a shared broker.
  const base = (Date.now() % 1_000_000) * 10_000;
  const idOf = (i: number) => String(base + i);
  const ids = new Set(Array.from({ length: CONTACTS + 10 }, (_, i) => idOf(i + 1)));
  let fake: HubSpotFake;
  let prism: PrismServer;
  let harness: SyncHarness;
  const ofThisRun = () => harness.updates.messages.filter((message) => message.key !== null && ids.has(message.key));
  const newConnector = (options: { token?: string; baseUrl?: string } = {}) =>
    new HubSpotConnector({ accessToken: options.token ?? TOKEN, baseUrl: options.baseUrl ?? prism.url, customProperties: ['loyalty_tier'], pageSize: 100, settleMs: 0 });

  beforeAll(async () => {
    fake = await startHubSpotFake({ validToken: TOKEN, expiredToken: EXPIRED });
    for (let i = 1; i <= CONTACTS; i += 1) {
      const modifiedAt = i >= TIE.from && i <= TIE.to ? SEEDED_AT + TIE.from * 1000 : SEEDED_AT + i * 1000;
      fake.upsert(idOf(i), {
        email: `c${i}@example.com`, firstname: `Name${i}`, lastname: 'Example', phone: `+1555${String(i).padStart(7, '0')}`,
        country: i % 2 ? 'us' : 'Spain', hs_language: 'es-mx', lifecyclestage: 'customer', loyalty_tier: i % 3 ? 'silver' : 'gold',
      }, new Date(modifiedAt));
    }
    fake.upsert(idOf(7), { email: 'not an email' }, new Date(SEEDED_AT + 7_000));
    [prism, harness] = await Promise.all([
      startPrism({ mode: { proxy: fake.url }, specPath: SPEC, resolveFrom: __dirname }),
      openSyncHarness(brokers, { databaseName: 'ingest_hubspot', clientId: `hubspot-test-${base}`, retry: FAST_RETRY }),
    ]);
  }, 90_000);

  afterAll(async () => {
    await harness?.close();
    await prism?.stop();
    await fake?.close();
  });

  it('imports every contact once, resuming from the checkpoint after HubSpot failed in the middle of the import', async () => {
    fake.breakListAfter(2);
    const crashed = await harness.syncOf(newConnector()).run('import').catch((error: unknown) => error);
    expect(crashed).toBeInstanceOf(ConnectorError);
    expect((crashed as ConnectorError).message).toMatch(/500/);
    await waitFor(() => ofThisRun().length >= 200, { description: 'the two pages read before the outage' });

    fake.repair();
    const startedAt = Date.now();
    const resumed = await harness.syncOf(newConnector()).run('import');
    expect(resumed.published).toBe(CONTACTS - 200); // nothing read twice, nothing skipped
    await waitFor(() => ofThisRun().length >= CONTACTS, { description: 'every contact on Kafka', timeoutMs: 60_000 });
    const seconds = (Date.now() - startedAt) / 1000;
    process.stdout.write(`hubspot resumed import through Prism: ${resumed.published} customers in ${seconds.toFixed(2)} s = ${Math.round(resumed.published / seconds)} customers/s\n`);

    const events = ofThisRun().map((message) => JSON.parse(message.value));
    expect(events).toHaveLength(CONTACTS);
    expect(new Set(events.map((event) => event.customerId)).size).toBe(CONTACTS);
    expect(events.find((event) => event.customerId === idOf(41))).toMatchObject({
      source: 'hubspot', change: 'profile_updated', occurredAt: new Date(SEEDED_AT + 41_000).toISOString(),
      profile: { email: 'c41@example.com', firstName: 'Name41', lastName: 'Example', phone: '+15550000041', country: 'US', locale: 'es-mx' },
      attributes: { lifecycleStage: 'customer', loyalty_tier: 'silver' },
    });
    expect(events.find((event) => event.customerId === idOf(42))).toMatchObject({ profile: { firstName: 'Name42' }, attributes: { country: 'Spain', loyalty_tier: 'gold' } });
    expect(events.find((event) => event.customerId === idOf(7))).toMatchObject({ profile: { firstName: 'Name7' }, attributes: { invalidProfileFields: ['email'] } });
    // The SDK asked for the configured custom property along with the standard ones.
    const listed = fake.requests.find((request) => request.path === '/crm/v3/objects/contacts' && request.method === 'GET');
    expect(listed?.query.getAll('properties').join(',').split(',')).toEqual(expect.arrayContaining(['email', 'lastmodifieddate', 'loyalty_tier']));
  }, 120_000);

  it('then publishes only the contacts modified since, found by a sorted lastmodifieddate search', async () => {
    const before = ofThisRun().length;
    const requestsBefore = fake.requests.length;
    const modifiedAt = new Date(Date.now() - 1_000);
    fake.upsert(idOf(1), { firstname: 'Changed' }, modifiedAt);
    fake.upsert(idOf(2), { firstname: 'Changed' }, modifiedAt);
    fake.upsert(idOf(CONTACTS + 1), { email: 'new@example.com', firstname: 'New' }, modifiedAt);

    expect(await harness.syncOf(newConnector()).run('changes')).toEqual({ published: 3, pages: 1 });
    expect(await harness.syncOf(newConnector()).run('changes')).toEqual({ published: 0, pages: 1 });
    await waitFor(() => ofThisRun().length >= before + 3, { description: 'the three changes' });
    const changed = ofThisRun().slice(before).map((message) => JSON.parse(message.value));
    expect(changed.map((event) => `${event.customerId}:${event.profile.firstName}`).sort()).toEqual([`${idOf(1)}:Changed`, `${idOf(2)}:Changed`, `${idOf(CONTACTS + 1)}:New`].sort());

    const searches = fake.requests.slice(requestsBefore).filter((request) => request.path === '/crm/v3/objects/contacts/search');
    expect(searches[0].body).toMatchObject({
      sorts: ['lastmodifieddate'],
      filterGroups: [{ filters: expect.arrayContaining([expect.objectContaining({ propertyName: 'lastmodifieddate', operator: 'GTE' })]) }],
    });
  });

  it('reads every change exactly once from no checkpoint, through ties larger than a page, never paging far into the search window', async () => {
    const connector = newConnector();
    const seen: string[] = [];
    let checkpoint: string | undefined;
    let pages = 0;
    for (let done = false; !done; pages += 1) {
      const page = await connector.fetchChangesSince('customers', checkpoint);
      seen.push(...page.records.map((record) => record.id));
      ({ checkpoint, done } = page);
      expect(pages).toBeLessThan(100);
    }
    expect(seen).toHaveLength(CONTACTS + 1);
    expect(new Set(seen).size).toBe(CONTACTS + 1);
    const offsets = fake.requests.filter((request) => request.path === '/crm/v3/objects/contacts/search').map((request) => Number(request.body.after));
    expect(Math.max(...offsets)).toBeLessThanOrEqual(TIE.to - TIE.from + 1); // only the tie is paged by offset
  });

  it('looks one contact up by id, and answers undefined for an id HubSpot does not know', async () => {
    const connector = newConnector();
    expect(await connector.lookUp('customers', idOf(3))).toMatchObject({ kind: 'customer', id: idOf(3), profile: { email: 'c3@example.com', firstName: 'Name3' }, attributes: { loyalty_tier: 'gold' } });
    expect(await connector.lookUp('customers', '999999999999')).toBeUndefined();
    expect(await connector.estimateTotal('customers')).toBe(CONTACTS + 1);
  });

  it("honours HubSpot's 429 with the Retry-After it sends, then goes on", async () => {
    const connector = newConnector();
    fake.throttleNext(1, 1);
    const throttled = await connector.fetchPage('customers', undefined).catch((error: unknown) => error);
    expect(throttled).toBeInstanceOf(ConnectorError);
    expect(throttled).toMatchObject({ retryable: true, retryAfterMs: 1_000 });

    fake.throttleNext(1, 1);
    const requestsBefore = fake.requests.length;
    const page = await retryTransient(() => connector.fetchPage('customers', undefined), FAST_RETRY);
    expect(page.records).toHaveLength(100);
    expect(fake.requests.length - requestsBefore).toBe(2);
  });

  it('refuses an expired token at once, naming the variable and how to get a token that lasts', async () => {
    const requestsBefore = fake.requests.length;
    const failure = await harness.syncOf(newConnector({ token: EXPIRED })).run('changes').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BadCredentials);
    expect(failure).toMatchObject({ retryable: false, message: expect.stringMatching(/EXPIRED_AUTHENTICATION.*HUBSPOT_API_KEY.*private app/s) });
    expect(fake.requests.length - requestsBefore).toBe(1);
    await expect(newConnector({ token: EXPIRED }).connect()).rejects.toBeInstanceOf(BadCredentials);
  });

  it("sent only requests, and got only answers, that HubSpot's spec allows", () => {
    const log = prism.output();
    expect(log).not.toMatch(/Violation|✖/);
    expect(log.match(/Forwarding/g)?.length ?? 0).toBeGreaterThan(50);
  });

  it('is really checked: an answer that breaks the spec never reaches the connector as data', async () => {
    fake.corruptNext();
    const failure = await newConnector().lookUp('customers', idOf(3)).catch((error: unknown) => error);
    expect(failure).toMatchObject({ retryable: true, message: expect.stringMatching(/HubSpot answered 500/) });
    // Prism names each breach in an sl-violations header of the answer it gives instead.
    const { headers } = (failure as ConnectorError).cause as { headers: Record<string, string> };
    expect(JSON.parse(headers['sl-violations'])).toEqual(expect.arrayContaining([expect.objectContaining({ message: 'Response body property id must be string' })]));
  });

  it('measures the import throughput, through Prism and straight against the fake', async () => {
    for (const [via, baseUrl] of [['Prism', prism.url], ['the bare fake', fake.url]] as const) {
      const startedAt = Date.now();
      const report = await harness.syncOf(newConnector({ baseUrl })).run('import');
      const seconds = (Date.now() - startedAt) / 1000;
      expect(report.published).toBe(CONTACTS + 1);
      process.stdout.write(`hubspot full import via ${via}: ${report.published} customers in ${seconds.toFixed(2)} s = ${Math.round(report.published / seconds)} customers/s\n`);
    }
  }, 120_000);
});
