import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { Topics } from '@syncengage/contracts';
import { collectMessages, createFreshDatabase, createTopics, testKafkaBrokers, waitFor, type FreshDatabase, type MessageCollector } from '@syncengage/testing';
import { startHubSpotFake, type HubSpotFake } from './support/hubspot-fake';
import { sharedSpec, startPrismProxy, type PrismProxy } from './support/prism-proxy';

// The import command as a user runs it (`npm run import -w @syncengage/ingest` = node dist/cli/import.js), configured
// only by environment variables, against Prism (proxy mode, HubSpot's spec) in front of the stateful fake; killed
// in the middle of an import and started again.
const IMPORT = resolve(__dirname, '../dist/cli/import.js');
const SPEC = sharedSpec('hubspot/crm-contacts-v3.json');
const CONTACTS = 2_000;
const TOKEN = 'pat-na1-cli';
const SEEDED_AT = Date.parse('2026-02-01T00:00:00Z');

interface Run {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

describe('npm run import with SYNCENGAGE_CRM_PROVIDER=hubspot', () => {
  const brokers = testKafkaBrokers();
  const base = (Date.now() % 1_000_000) * 10_000 + 5_000_000_000_000;
  const idOf = (i: number) => String(base + i);
  const ids = new Set(Array.from({ length: CONTACTS }, (_, i) => idOf(i + 1)));
  let fake: HubSpotFake;
  let prism: PrismProxy;
  let own: FreshDatabase;
  let updates: MessageCollector;
  const ofThisRun = () => updates.messages.filter((message) => message.key !== null && ids.has(message.key));

  const startImport = (...args: string[]): Run => {
    const child = spawn(process.execPath, [IMPORT, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        SYNCENGAGE_CRM_PROVIDER: 'hubspot',
        HUBSPOT_API_KEY: TOKEN,
        HUBSPOT_BASE_URL: prism.url,
        HUBSPOT_CUSTOM_PROPERTIES: 'loyalty_tier',
        KAFKA_BROKERS: brokers.join(','),
        DATABASE_URL: own.url,
        CRM_PAGE_SIZE: '100',
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
    fake = await startHubSpotFake({ validToken: TOKEN, expiredToken: 'expired' });
    for (let i = 1; i <= CONTACTS; i += 1) fake.upsert(idOf(i), { email: `cli${i}@example.com`, firstname: `Cli${i}`, loyalty_tier: 'gold' }, new Date(SEEDED_AT + i * 1000));
    [prism, own] = await Promise.all([startPrismProxy(SPEC, fake.url), createFreshDatabase('ingest_hubspot_cli')]);
    await createTopics(brokers, [Topics.CustomerUpdated]);
    updates = await collectMessages(brokers, Topics.CustomerUpdated, { fromBeginning: false });
  }, 90_000);

  afterAll(async () => {
    await updates?.stop();
    await own?.drop();
    await prism?.stop();
    await fake?.close();
  });

  it('resumes a killed import from its checkpoint: every contact once, nothing skipped, nothing re-emitted', async () => {
    fake.holdListAfter(3);
    const killed = startImport();
    // Asking for the fourth page means the third is in Kafka and checkpointed (SyncCrm saves before it reads on).
    await waitFor(() => fake.held > 0, { description: 'the import to ask for its fourth page', timeoutMs: 60_000 });
    killed.child.kill('SIGKILL');
    await killed.exited;
    fake.repair();
    await waitFor(() => ofThisRun().length >= 300, { description: 'the three pages of the killed import' });

    const resumed = startImport();
    expect(await resumed.exited).toBe(0);
    expect(resumed.output()).toMatch(new RegExp(`hubspot: ${CONTACTS - 300} records in \\d+ pages, [\\d.]+ s \\(\\d+/s\\)`));
    process.stdout.write(`hubspot CLI through Prism, resumed import: ${/hubspot: .*/.exec(resumed.output())?.[0]}\n`);
    await waitFor(() => ofThisRun().length >= CONTACTS, { description: 'every contact on Kafka' });
    const events = ofThisRun().map((message) => JSON.parse(message.value));
    expect(events).toHaveLength(CONTACTS);
    expect(new Set(events.map((event) => event.customerId)).size).toBe(CONTACTS);
    expect(events.find((event) => event.customerId === idOf(1_234))).toMatchObject({ source: 'hubspot', profile: { email: 'cli1234@example.com' }, attributes: { loyalty_tier: 'gold' } });
  }, 120_000);

  it('then runs one incremental sync with --changes', async () => {
    const before = ofThisRun().length;
    fake.upsert(idOf(7), { firstname: 'Changed' }, new Date(Date.now() - 1_000));
    const changes = startImport('--changes');
    expect(await changes.exited).toBe(0);
    expect(changes.output()).toMatch(/hubspot: 1 records in 1 pages/);
    await waitFor(() => ofThisRun().length > before, { description: 'the change on Kafka' });
    expect(JSON.parse(ofThisRun()[before].value)).toMatchObject({ customerId: idOf(7), profile: { firstName: 'Changed' } });
    // Prism found nothing against the spec; its one error is the request the killed import left hanging.
    expect(prism.output()).not.toMatch(/Violation/);
    expect(prism.output().split('\n').filter((line) => line.includes('✖'))).toEqual([expect.stringContaining('socket hang up')]);
  }, 60_000);
});
