import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { Topics } from '@syncengage/contracts';
import { collectMessages, createFreshDatabase, createTopics, testKafkaBrokers, waitFor, type FreshDatabase, type MessageCollector } from '@syncengage/testing';
import { ShopifyGraphqlFake } from './support/shopify-graphql-fake';

// The import command as a user runs it (`npm run import -w @syncengage/ingest` = node dist/cli/import.js; build
// first), configured only by environment variables, against the schema-validating fake Admin API; killed in the
// middle of an import and started again.
const IMPORT = resolve(__dirname, '../dist/cli/import.js');
const CUSTOMERS = 2_000;
const TOKEN = 'shpat_cli';

interface Run {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

describe('npm run import with SYNCENGAGE_CRM_PROVIDER=shopify', () => {
  const brokers = testKafkaBrokers();
  let storeNowMs = Date.now() - 86_400_000;
  let fake: ShopifyGraphqlFake;
  let own: FreshDatabase;
  let updates: MessageCollector;
  const ofThisRun = () => updates.messages.filter((message) => fake.customers.has(Number(message.key)));

  const startImport = (...args: string[]): Run => {
    const child = spawn(process.execPath, [IMPORT, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        SYNCENGAGE_CRM_PROVIDER: 'shopify',
        SHOPIFY_SHOP_URL: 'syncengage-cli.myshopify.com',
        SHOPIFY_ACCESS_TOKEN: TOKEN,
        SHOPIFY_API_BASE_URL: fake.url,
        KAFKA_BROKERS: brokers.join(','),
        DATABASE_URL: own.url,
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
    fake = await ShopifyGraphqlFake.start({ accessToken: TOKEN, now: () => storeNowMs, bucket: { maximumAvailable: 100_000, restoreRate: 50_000 } });
    for (let i = 0; i < CUSTOMERS; i += 1) {
      if (i % 100 === 0) storeNowMs += 1_000;
      fake.addCustomer({ email: `cli${i}@example.com`, firstName: `Cli${i}` });
    }
    storeNowMs += 1_000;
    own = await createFreshDatabase('ingest_shopify_cli');
    await createTopics(brokers, [Topics.CustomerUpdated]);
    updates = await collectMessages(brokers, Topics.CustomerUpdated, { fromBeginning: false });
  }, 60_000);

  afterAll(async () => {
    await updates?.stop();
    await own?.drop();
    await fake?.close();
  });

  it('resumes a killed import from its checkpoint: every customer once, nothing skipped, nothing re-emitted', async () => {
    fake.holdPagesAfter(3);
    const killed = startImport();
    // Asking for the fourth page means the third is in Kafka and checkpointed (SyncCrm saves before it reads on).
    await waitFor(() => fake.held > 0, { description: 'the import to ask for its fourth page', timeoutMs: 60_000 });
    killed.child.kill('SIGKILL');
    await killed.exited;
    fake.release();
    await waitFor(() => ofThisRun().length >= 300, { description: 'the three pages of the killed import' });

    const resumed = startImport();
    expect(await resumed.exited).toBe(0);
    expect(resumed.output()).toMatch(new RegExp(`shopify: ${CUSTOMERS - 300} records in \\d+ pages, [\\d.]+ s \\(\\d+/s\\)`));
    process.stdout.write(`shopify CLI against the fake Admin API, resumed import: ${/shopify: .*/.exec(resumed.output())?.[0]}\n`);
    await waitFor(() => ofThisRun().length >= CUSTOMERS, { description: 'every customer on Kafka' });
    const events = ofThisRun().map((message) => JSON.parse(message.value));
    expect(events).toHaveLength(CUSTOMERS);
    expect(new Set(events.map((event) => event.customerId)).size).toBe(CUSTOMERS);
    const [sample] = [...fake.customers.values()].filter((customer) => customer.email === 'cli1234@example.com');
    expect(events.find((event) => event.customerId === String(sample.id))).toMatchObject({ source: 'shopify', profile: { email: 'cli1234@example.com', firstName: 'Cli1234' } });
  }, 120_000);

  it('then runs one incremental sync with --changes', async () => {
    const before = ofThisRun().length;
    const [changed] = fake.customers.keys();
    fake.updateCustomer(changed, { firstName: 'Changed' });
    storeNowMs += 1_000;
    const changes = startImport('--changes');
    expect(await changes.exited).toBe(0);
    expect(changes.output()).toMatch(/shopify: 1 records in 2 pages/);
    await waitFor(() => ofThisRun().length > before, { description: 'the change on Kafka' });
    expect(JSON.parse(ofThisRun()[before].value)).toMatchObject({ customerId: String(changed), profile: { firstName: 'Changed' } });
    expect(fake.log.map((entry) => entry.outcome)).not.toContain('invalid');
  }, 60_000);
});
