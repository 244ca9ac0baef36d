import { testKafkaBrokers } from '@syncengage/testing';
import { expectKilledImportToResume, expectOneChangeSynced, openImportCli, type ImportCli } from './support/import-cli';
import { ShopifyGraphqlFake } from './support/shopify-graphql-fake';

// The import command against the schema-validating fake Admin API; killed in the middle of an import and started again.
const CUSTOMERS = 2_000;
const TOKEN = 'shpat_cli';

describe('npm run import with SYNCENGAGE_CRM_PROVIDER=shopify', () => {
  const brokers = testKafkaBrokers();
  let storeNowMs = Date.now() - 86_400_000;
  let fake: ShopifyGraphqlFake;
  let cli: ImportCli;

  beforeAll(async () => {
    fake = await ShopifyGraphqlFake.start({ accessToken: TOKEN, now: () => storeNowMs, bucket: { maximumAvailable: 100_000, restoreRate: 50_000 } });
    for (let i = 0; i < CUSTOMERS; i += 1) {
      if (i % 100 === 0) storeNowMs += 1_000;
      fake.addCustomer({ email: `cli${i}@example.com`, firstName: `Cli${i}` });
    }
    storeNowMs += 1_000;
    cli = await openImportCli(brokers, {
      provider: 'shopify',
      label: 'shopify CLI against the fake Admin API',
      databaseName: 'ingest_shopify_cli',
      providerEnv: () => ({ SHOPIFY_SHOP_URL: 'syncengage-cli.myshopify.com', SHOPIFY_ACCESS_TOKEN: TOKEN, SHOPIFY_API_BASE_URL: fake.url }),
      isOfThisRun: (key) => fake.customers.has(Number(key)),
    });
  }, 60_000);

  afterAll(async () => {
    await cli?.close();
    await fake?.close();
  });

  it('resumes a killed import from its checkpoint: every customer once, nothing skipped, nothing re-emitted', async () => {
    // Held on the fourth page: three pages of 100 are checkpointed.
    const stall = { hold: () => fake.holdPagesAfter(3), isHeld: () => fake.held > 0, release: () => fake.release() };
    const events = await expectKilledImportToResume(cli, stall, { total: CUSTOMERS, checkpointed: 300 });
    const [sample] = [...fake.customers.values()].filter((customer) => customer.email === 'cli1234@example.com');
    expect(events.find((event) => event.customerId === String(sample.id))).toMatchObject({ source: 'shopify', profile: { email: 'cli1234@example.com', firstName: 'Cli1234' } });
  }, 120_000);

  it('then runs one incremental sync with --changes', async () => {
    const [changed] = fake.customers.keys();
    fake.updateCustomer(changed, { firstName: 'Changed' });
    storeNowMs += 1_000;
    expect(await expectOneChangeSynced(cli, 2)).toMatchObject({ customerId: String(changed), profile: { firstName: 'Changed' } });
    expect(fake.log.map((entry) => entry.outcome)).not.toContain('invalid');
  }, 60_000);
});
