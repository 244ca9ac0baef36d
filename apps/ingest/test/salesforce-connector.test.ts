import { testKafkaBrokers, waitFor } from '@syncengage/testing';
import { BadCredentials, ConnectorError } from '../src/application/connector-errors';
import type { SalesforceAuth } from '../src/adapters/connectors/salesforce/salesforce-auth';
import { SalesforceConnector } from '../src/adapters/connectors/salesforce/salesforce-connector';
import { startSalesforceFake, type SalesforceFake } from './support/salesforce-fake';
import { openSyncHarness, type SyncHarness } from './support/sync-harness';

const CONTACTS = 2_000;
const LEADS = 300;
const CONVERTED_LEADS = 20;
const FAST_RETRY = { attempts: 2, firstDelayMs: 10, maxDelayMs: 50 };
const CLIENT = { clientId: '3MVG9fake.client', clientSecret: 'fake-secret', refreshToken: '5Aep861fake.refresh' };
const SEEDED_AT = Date.parse('2026-01-01T00:00:00Z');
/** Contacts 901 to 1,100 were modified in one second (a mass update): a batch boundary falls inside it. */
const TIE = { from: 901, to: 1_100 };
const CONTACT_FIELDS = 'Id, Email, FirstName, LastName, Phone, MobilePhone, MailingCountry, HasOptedOutOfEmail, LeadSource, SystemModstamp, Loyalty_Tier__c, Region__c';

/** Contacts and Leads through jsforce against a recorded-contract fake, into a real broker. */
describe('the Salesforce connector through jsforce, a recorded-contract fake and a real broker', () => {
  const brokers = testKafkaBrokers();
  const run = Math.random().toString(36).slice(2, 7).padEnd(5, '0');
  const contactId = (i: number) => `003${run}${String(i).padStart(10, '0')}`;
  const leadId = (i: number) => `00Q${run}${String(i).padStart(10, '0')}`;
  let fake: SalesforceFake;
  let harness: SyncHarness;
  const ofThisRun = () => harness.updates.messages.filter((message) => message.key?.slice(3, 8) === run);
  const refreshFlow = (): Extract<SalesforceAuth, { flow: 'refresh-token' }> => ({ flow: 'refresh-token', loginUrl: fake.url, ...CLIENT });
  const newConnector = (auth: SalesforceAuth = refreshFlow(), customFields = ['Loyalty_Tier__c', 'Contact.Region__c']) =>
    new SalesforceConnector({ auth, apiVersion: '62.0', streams: ['contacts', 'leads'], customFields, pageSize: 500, settleMs: 0 });
  /** The record queries and their batches; the progress bar's COUNT() queries aside. */
  const queries = () => fake.dataRequests.filter((request) => request.path.includes('/query') && !request.soql?.includes('COUNT()'));

  beforeAll(async () => {
    fake = await startSalesforceFake({ ...CLIENT, customFields: { Contact: ['Loyalty_Tier__c', 'Region__c'], Lead: ['Loyalty_Tier__c'] } });
    for (let i = 1; i <= CONTACTS; i += 1) {
      const modifiedAt = i >= TIE.from && i <= TIE.to ? SEEDED_AT + TIE.from * 1000 + (i % 1000) : SEEDED_AT + i * 1000;
      fake.upsert('Contact', contactId(i), {
        Email: `c${i}@example.com`, FirstName: `Name${i}`, LastName: 'Example', MobilePhone: `+1555${String(i).padStart(7, '0')}`, Phone: '(555) 010-0000',
        MailingCountry: i % 2 ? 'US' : 'Germany', HasOptedOutOfEmail: i % 10 === 0, LeadSource: 'Web', Loyalty_Tier__c: i % 3 ? 'Silver' : 'Gold', Region__c: 'EMEA',
      }, new Date(modifiedAt));
    }
    for (let i = 1; i <= LEADS; i += 1) {
      fake.upsert('Lead', leadId(i), {
        Email: `l${i}@example.com`, FirstName: `Lead${i}`, LastName: 'Prospect', Company: 'Acme', Status: 'Open - Not Contacted', Country: 'ES',
        IsConverted: i <= CONVERTED_LEADS, HasOptedOutOfEmail: false, Loyalty_Tier__c: 'Bronze',
      }, new Date(SEEDED_AT + i * 1000));
    }
    harness = await openSyncHarness(brokers, { databaseName: 'ingest_salesforce', clientId: `salesforce-test-${run}`, retry: FAST_RETRY });
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  it('imports every Contact and open Lead once, resuming after Salesforce failed mid-import and forgot the query locator', async () => {
    fake.breakQueriesAfter(2);
    const crashed = await harness.syncOf(newConnector()).run('import').catch((error: unknown) => error);
    expect(crashed).toBeInstanceOf(ConnectorError);
    expect((crashed as ConnectorError).message).toMatch(/QUERY_TIMEOUT/);
    await waitFor(() => ofThisRun().length >= 1_000, { description: 'the two batches read before the failure' });
    // The first request got a token by the refresh-token grant, with the connected app's credentials.
    expect(fake.tokenRequests[0]).toEqual({ grant_type: 'refresh_token', refresh_token: CLIENT.refreshToken, client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret });
    expect(queries()[0].soql).toMatch(new RegExp(`^SELECT ${CONTACT_FIELDS} FROM Contact WHERE SystemModstamp < \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ ORDER BY SystemModstamp, Id$`));
    expect(queries()[0].headers['sforce-query-options']).toBe('batchSize=500');
    expect(queries()[1].path).toMatch(/^\/services\/data\/v62\.0\/query\/01g\w+-500$/); // jsforce followed nextRecordsUrl

    fake.repair();
    fake.forgetLocators();
    const before = fake.dataRequests.length;
    const startedAt = Date.now();
    const resumed = await harness.syncOf(newConnector()).run('import');
    expect(resumed.published).toBe(CONTACTS - 1_000 + LEADS - CONVERTED_LEADS); // nothing read twice, nothing skipped
    await waitFor(() => ofThisRun().length >= CONTACTS + LEADS - CONVERTED_LEADS, { description: 'every Contact and open Lead on Kafka', timeoutMs: 60_000 });
    const seconds = (Date.now() - startedAt) / 1000;
    process.stdout.write(`salesforce resumed import: ${resumed.published} customers in ${seconds.toFixed(2)} s = ${Math.round(resumed.published / seconds)} customers/s\n`);

    // Salesforce had forgotten the locator: the query restarted from the saved second, inside the mass update.
    const [stale, restarted] = queries().filter((request) => fake.dataRequests.indexOf(request) >= before);
    expect(stale.status).toBe(400);
    expect(restarted.soql).toMatch(`FROM Contact WHERE SystemModstamp >= ${new Date(SEEDED_AT + TIE.from * 1000).toISOString().slice(0, 19)}Z AND SystemModstamp <`);
    const leadQuery = queries().find((request) => request.soql?.includes('FROM Lead'));
    expect(leadQuery?.soql).toMatch(/^SELECT Id, Email, FirstName, LastName, Phone, MobilePhone, Country, HasOptedOutOfEmail, LeadSource, Status, Company, SystemModstamp, Loyalty_Tier__c FROM Lead WHERE IsConverted = false AND SystemModstamp < /);

    const events = ofThisRun().map((message) => JSON.parse(message.value));
    expect(events).toHaveLength(CONTACTS + LEADS - CONVERTED_LEADS);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
    expect(events.find((event) => event.customerId === contactId(30))).toMatchObject({
      source: 'salesforce', change: 'profile_updated', occurredAt: new Date(SEEDED_AT + 30_000).toISOString(),
      profile: { email: 'c30@example.com', firstName: 'Name30', lastName: 'Example', phone: '+15550000030', emailConsent: false },
      attributes: { salesforceObject: 'Contact', leadSource: 'Web', country: 'Germany', Loyalty_Tier__c: 'Gold', Region__c: 'EMEA' },
    });
    const lead = events.find((event) => event.customerId === leadId(CONVERTED_LEADS + 1));
    expect(lead).toMatchObject({ profile: { email: `l${CONVERTED_LEADS + 1}@example.com`, country: 'ES' }, attributes: { salesforceObject: 'Lead', leadStatus: 'Open - Not Contacted', company: 'Acme', Loyalty_Tier__c: 'Bronze' } });
    expect(lead.attributes.Region__c).toBeUndefined();
    expect(events.some((event) => event.customerId === leadId(1))).toBe(false); // converted: it lives on as a Contact
  }, 120_000);

  it('then syncs only the records whose SystemModstamp moved', async () => {
    const before = ofThisRun().length;
    const modifiedAt = new Date(Date.now() - 5_000);
    fake.upsert('Contact', contactId(1), { FirstName: 'Changed' }, modifiedAt);
    fake.upsert('Contact', contactId(2), { FirstName: 'Changed' }, modifiedAt);
    fake.upsert('Lead', leadId(CONVERTED_LEADS + 1), { Status: 'Working - Contacted' }, modifiedAt);

    expect(await harness.syncOf(newConnector()).run('changes')).toEqual({ published: 3, pages: 2 });
    expect(await harness.syncOf(newConnector()).run('changes')).toEqual({ published: 0, pages: 2 });
    await waitFor(() => ofThisRun().length >= before + 3, { description: 'the three changes' });
    const changed = ofThisRun().slice(before).map((message) => JSON.parse(message.value));
    expect(changed.map((event) => event.customerId).sort()).toEqual([contactId(1), contactId(2), leadId(CONVERTED_LEADS + 1)].sort());
    expect(changed.find((event) => event.customerId === leadId(CONVERTED_LEADS + 1)).attributes.leadStatus).toBe('Working - Contacted');
  });

  it('renews an expired access token with the refresh token and carries on', async () => {
    const connector = newConnector();
    await connector.connect();
    const grants = fake.tokenRequests.length;
    fake.expireTokens();
    expect(await connector.lookUp('contacts', contactId(5))).toMatchObject({ id: contactId(5), profile: { email: 'c5@example.com' } });
    expect(fake.tokenRequests.slice(grants)).toEqual([expect.objectContaining({ grant_type: 'refresh_token', refresh_token: CLIENT.refreshToken })]);
    expect(fake.dataRequests.slice(-2).map((request) => request.status)).toEqual([401, 200]);
  });

  it('works with the client-credentials flow, renewing its token the same way', async () => {
    const connector = newConnector({ flow: 'client-credentials', loginUrl: fake.url, clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret });
    const grants = fake.tokenRequests.length;
    expect(await connector.estimateTotal('contacts')).toBe(CONTACTS);
    fake.expireTokens();
    expect(await connector.estimateTotal('leads')).toBe(LEADS - CONVERTED_LEADS);
    expect(fake.tokenRequests.slice(grants)).toEqual([
      { grant_type: 'client_credentials', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret },
      { grant_type: 'client_credentials', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret },
    ]);
  });

  it('works with a bare access token and instance URL, and says how to stop depending on one once it expires', async () => {
    const connector = newConnector({ flow: 'access-token', instanceUrl: fake.url, accessToken: fake.issueToken() });
    expect(await connector.lookUp('leads', leadId(40))).toMatchObject({ id: leadId(40), attributes: { salesforceObject: 'Lead' } });
    expect(await connector.lookUp('contacts', `003${run}9999999999`)).toBeUndefined();
    fake.expireTokens();
    const requests = fake.dataRequests.length;
    const failure = await harness.syncOf(connector).run('changes').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BadCredentials);
    expect(failure).toMatchObject({ retryable: false, message: expect.stringMatching(/INVALID_SESSION_ID.*SALESFORCE_ACCESS_TOKEN.*SALESFORCE_REFRESH_TOKEN/s) });
    expect(fake.dataRequests.length - requests).toBe(1);
  });

  it.each([
    ['a revoked refresh token', (): SalesforceAuth => ({ ...refreshFlow(), refreshToken: 'revoked' }), /invalid_grant.*SALESFORCE_REFRESH_TOKEN/s],
    ['a wrong client secret', (): SalesforceAuth => ({ flow: 'client-credentials', loginUrl: fake.url, clientId: CLIENT.clientId, clientSecret: 'wrong' }), /invalid_client.*SALESFORCE_CLIENT_SECRET.*My Domain/s],
  ])('refuses %s at once with what to fix', async (_case, auth, message) => {
    const failure = await newConnector(auth()).connect().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BadCredentials);
    expect(failure).toMatchObject({ retryable: false, message: expect.stringMatching(message) });
  });

  it('names SALESFORCE_CUSTOM_FIELDS when the org has no such field', async () => {
    const failure = await newConnector(refreshFlow(), ['Contact.Shoe_Size__c']).fetchPage('contacts', undefined).catch((error: unknown) => error);
    expect(failure).toMatchObject({ retryable: false, message: expect.stringMatching(/Shoe_Size__c.*SALESFORCE_CUSTOM_FIELDS/s) });
  });

  it('resumes a stopped import through the saved query locator, and measures the import throughput', async () => {
    const startedAt = Date.now();
    const stopped = await harness.syncOf(newConnector()).run('import', undefined, 1); // a process stopped after one page
    expect(stopped.published).toBe(500);
    const before = fake.dataRequests.length;
    const resumed = await harness.syncOf(newConnector()).run('import');
    const seconds = (Date.now() - startedAt) / 1000;
    expect(stopped.published + resumed.published).toBe(CONTACTS + LEADS - CONVERTED_LEADS);
    const firstRead = fake.dataRequests.slice(before).find((request) => !request.soql?.includes('COUNT()'));
    expect(firstRead).toMatchObject({ status: 200, path: expect.stringMatching(/\/query\/01g\w+-500$/) });
    const total = stopped.published + resumed.published;
    process.stdout.write(`salesforce full import: ${total} customers (${CONTACTS} Contacts, ${LEADS - CONVERTED_LEADS} Leads) in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} customers/s\n`);
  }, 120_000);
});
