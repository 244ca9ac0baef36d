import { sharedSpec, startPrism, testKafkaBrokers, type PrismServer } from '@syncengage/testing';
import { startHubSpotFake, type HubSpotFake } from './support/hubspot-fake';
import { expectKilledImportToResume, expectOneChangeSynced, openImportCli, type ImportCli } from './support/import-cli';

// The import command against Prism (proxy mode, HubSpot's spec) in front of the stateful fake; killed in the middle
// of an import and started again.
const SPEC = sharedSpec('hubspot/crm-contacts-v3.json');
const CONTACTS = 2_000;
const TOKEN = 'pat-na1-cli';
const SEEDED_AT = Date.parse('2026-02-01T00:00:00Z');

describe('npm run import with SYNCENGAGE_CRM_PROVIDER=hubspot', () => {
  const brokers = testKafkaBrokers();
  const base = (Date.now() % 1_000_000) * 10_000 + 5_000_000_000_000;
  const idOf = (i: number) => String(base + i);
  const ids = new Set(Array.from({ length: CONTACTS }, (_, i) => idOf(i + 1)));
  let fake: HubSpotFake;
  let prism: PrismServer;
  let cli: ImportCli;

  beforeAll(async () => {
    fake = await startHubSpotFake({ validToken: TOKEN, expiredToken: 'expired' });
    for (let i = 1; i <= CONTACTS; i += 1) fake.upsert(idOf(i), { email: `cli${i}@example.com`, firstname: `Cli${i}`, loyalty_tier: 'gold' }, new Date(SEEDED_AT + i * 1000));
    [prism, cli] = await Promise.all([
      startPrism({ mode: { proxy: fake.url }, specPath: SPEC, resolveFrom: __dirname }),
      openImportCli(brokers, {
        provider: 'hubspot',
        label: 'hubspot CLI through Prism',
        databaseName: 'ingest_hubspot_cli',
        providerEnv: () => ({ HUBSPOT_API_KEY: TOKEN, HUBSPOT_BASE_URL: prism.url, HUBSPOT_CUSTOM_PROPERTIES: 'loyalty_tier', CRM_PAGE_SIZE: '100' }),
        isOfThisRun: (key) => ids.has(key),
      }),
    ]);
  }, 90_000);

  afterAll(async () => {
    await cli?.close();
    await prism?.stop();
    await fake?.close();
  });

  it('resumes a killed import from its checkpoint: every contact once, nothing skipped, nothing re-emitted', async () => {
    // Held on the fourth page: three pages of 100 are checkpointed.
    const stall = { hold: () => fake.holdListAfter(3), isHeld: () => fake.held > 0, release: () => fake.repair() };
    const events = await expectKilledImportToResume(cli, stall, { total: CONTACTS, checkpointed: 300 });
    expect(events.find((event) => event.customerId === idOf(1_234))).toMatchObject({ source: 'hubspot', profile: { email: 'cli1234@example.com' }, attributes: { loyalty_tier: 'gold' } });
  }, 120_000);

  it('then runs one incremental sync with --changes', async () => {
    fake.upsert(idOf(7), { firstname: 'Changed' }, new Date(Date.now() - 1_000));
    expect(await expectOneChangeSynced(cli, 1)).toMatchObject({ customerId: idOf(7), profile: { firstName: 'Changed' } });
    // Prism found nothing against the spec; its one error is the request the killed import left hanging.
    expect(prism.output()).not.toMatch(/Violation/);
    expect(prism.output().split('\n').filter((line) => line.includes('✖'))).toEqual([expect.stringContaining('socket hang up')]);
  }, 60_000);
});
