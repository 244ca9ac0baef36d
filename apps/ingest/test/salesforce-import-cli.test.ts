import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { Topics } from '@syncengage/contracts';
import { collectMessages, createFreshDatabase, createTopics, testKafkaBrokers, waitFor, type FreshDatabase, type MessageCollector } from '@syncengage/testing';
import { startSalesforceFake, type SalesforceFake } from './support/salesforce-fake';

// The import command as a user runs it (`npm run import -w @syncengage/ingest` = node dist/cli/import.js), configured
// only by environment variables, killed in the middle of an import and started again.
const IMPORT = resolve(__dirname, '../dist/cli/import.js');
const CONTACTS = 2_000;
const CLIENT = { clientId: '3MVG9fake.cli', clientSecret: 'cli-secret', refreshToken: '5Aep861fake.cli' };
const SEEDED_AT = Date.parse('2026-02-01T00:00:00Z');

interface Run {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

describe('npm run import with SYNCENGAGE_CRM_PROVIDER=salesforce', () => {
  const brokers = testKafkaBrokers();
  const run = Math.random().toString(36).slice(2, 7).padEnd(5, '0');
  const contactId = (i: number) => `003${run}${String(i).padStart(10, '0')}`;
  let fake: SalesforceFake;
  let own: FreshDatabase;
  let updates: MessageCollector;
  const ofThisRun = () => updates.messages.filter((message) => message.key?.startsWith(`003${run}`));

  const startImport = (...args: string[]): Run => {
    const child = spawn(process.execPath, [IMPORT, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        SYNCENGAGE_CRM_PROVIDER: 'salesforce',
        SALESFORCE_LOGIN_URL: fake.url,
        SALESFORCE_CLIENT_ID: CLIENT.clientId,
        SALESFORCE_CLIENT_SECRET: CLIENT.clientSecret,
        SALESFORCE_REFRESH_TOKEN: CLIENT.refreshToken,
        SALESFORCE_OBJECTS: 'Contact',
        SALESFORCE_CUSTOM_FIELDS: 'Loyalty_Tier__c',
        KAFKA_BROKERS: brokers.join(','),
        DATABASE_URL: own.url,
        CRM_PAGE_SIZE: '500',
        CRM_SYNC_SETTLE_MS: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return { child, output: () => output, exited: new Promise((done) => child.once('exit', (code) => done(code))) };
  };

  beforeAll(async () => {
    fake = await startSalesforceFake({ ...CLIENT, customFields: { Contact: ['Loyalty_Tier__c'], Lead: [] } });
    for (let i = 1; i <= CONTACTS; i += 1) {
      fake.upsert('Contact', contactId(i), { Email: `cli${i}@example.com`, FirstName: `Cli${i}`, LastName: 'Example', Loyalty_Tier__c: 'Gold', HasOptedOutOfEmail: false }, new Date(SEEDED_AT + i * 1000));
    }
    own = await createFreshDatabase('ingest_salesforce_cli');
    await createTopics(brokers, [Topics.CustomerUpdated]);
    updates = await collectMessages(brokers, Topics.CustomerUpdated, { fromBeginning: false });
  }, 60_000);

  afterAll(async () => {
    await updates?.stop();
    await own?.drop();
    await fake?.close();
  });

  it('resumes a killed import from its checkpoint: every Contact once, nothing skipped, nothing re-emitted', async () => {
    fake.holdQueriesAfter(2);
    const killed = startImport();
    // Asking for the third batch means the second is in Kafka and checkpointed (SyncCrm saves before it reads on).
    await waitFor(() => fake.held > 0, { description: 'the import to ask for its third batch', timeoutMs: 60_000 });
    killed.child.kill('SIGKILL');
    await killed.exited;
    fake.repair();
    await waitFor(() => ofThisRun().length >= 1_000, { description: 'the two batches of the killed import' });

    const resumed = startImport();
    expect(await resumed.exited).toBe(0);
    expect(resumed.output()).toMatch(new RegExp(`salesforce: ${CONTACTS - 1_000} records in \\d+ pages, [\\d.]+ s \\(\\d+/s\\)`));
    process.stdout.write(`salesforce CLI, resumed import: ${/salesforce: .*/.exec(resumed.output())?.[0]}\n`);
    await waitFor(() => ofThisRun().length >= CONTACTS, { description: 'every Contact on Kafka' });
    const events = ofThisRun().map((message) => JSON.parse(message.value));
    expect(events).toHaveLength(CONTACTS);
    expect(new Set(events.map((event) => event.customerId)).size).toBe(CONTACTS);
    expect(events.find((event) => event.customerId === contactId(1_234))).toMatchObject({ source: 'salesforce', profile: { email: 'cli1234@example.com' }, attributes: { Loyalty_Tier__c: 'Gold' } });
  }, 120_000);

  it('then runs one incremental sync with --changes', async () => {
    const before = ofThisRun().length;
    fake.upsert('Contact', contactId(7), { FirstName: 'Changed' }, new Date(Date.now() - 2_000));
    const changes = startImport('--changes');
    expect(await changes.exited).toBe(0);
    expect(changes.output()).toMatch(/salesforce: 1 records in 1 pages/);
    await waitFor(() => ofThisRun().length > before, { description: 'the change on Kafka' });
    expect(JSON.parse(ofThisRun()[before].value)).toMatchObject({ customerId: contactId(7), profile: { firstName: 'Changed' } });
  }, 60_000);
});
