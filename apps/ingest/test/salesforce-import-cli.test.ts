import { testKafkaBrokers } from '@syncengage/testing';
import { expectKilledImportToResume, expectOneChangeSynced, openImportCli, type ImportCli } from './support/import-cli';
import { startSalesforceFake, type SalesforceFake } from './support/salesforce-fake';

// The import command killed in the middle of an import and started again.
const CONTACTS = 2_000;
const CLIENT = { clientId: '3MVG9fake.cli', clientSecret: 'cli-secret', refreshToken: '5Aep861fake.cli' };
const SEEDED_AT = Date.parse('2026-02-01T00:00:00Z');

describe('npm run import with SYNCENGAGE_CRM_PROVIDER=salesforce', () => {
  const brokers = testKafkaBrokers();
  const run = Math.random().toString(36).slice(2, 7).padEnd(5, '0');
  const contactId = (i: number) => `003${run}${String(i).padStart(10, '0')}`;
  let fake: SalesforceFake;
  let cli: ImportCli;

  beforeAll(async () => {
    fake = await startSalesforceFake({ ...CLIENT, customFields: { Contact: ['Loyalty_Tier__c'], Lead: [] } });
    for (let i = 1; i <= CONTACTS; i += 1) {
      fake.upsert('Contact', contactId(i), { Email: `cli${i}@example.com`, FirstName: `Cli${i}`, LastName: 'Example', Loyalty_Tier__c: 'Gold', HasOptedOutOfEmail: false }, new Date(SEEDED_AT + i * 1000));
    }
    cli = await openImportCli(brokers, {
      provider: 'salesforce',
      label: 'salesforce CLI',
      databaseName: 'ingest_salesforce_cli',
      providerEnv: () => ({
        SALESFORCE_LOGIN_URL: fake.url,
        SALESFORCE_CLIENT_ID: CLIENT.clientId,
        SALESFORCE_CLIENT_SECRET: CLIENT.clientSecret,
        SALESFORCE_REFRESH_TOKEN: CLIENT.refreshToken,
        SALESFORCE_OBJECTS: 'Contact',
        SALESFORCE_CUSTOM_FIELDS: 'Loyalty_Tier__c',
        CRM_PAGE_SIZE: '500',
      }),
      isOfThisRun: (key) => key.startsWith(`003${run}`),
    });
  }, 60_000);

  afterAll(async () => {
    await cli?.close();
    await fake?.close();
  });

  it('resumes a killed import from its checkpoint: every Contact once, nothing skipped, nothing re-emitted', async () => {
    // Held on the third batch: two batches of 500 are checkpointed.
    const stall = { hold: () => fake.holdQueriesAfter(2), isHeld: () => fake.held > 0, release: () => fake.repair() };
    const events = await expectKilledImportToResume(cli, stall, { total: CONTACTS, checkpointed: 1_000 });
    expect(events.find((event) => event.customerId === contactId(1_234))).toMatchObject({ source: 'salesforce', profile: { email: 'cli1234@example.com' }, attributes: { Loyalty_Tier__c: 'Gold' } });
  }, 120_000);

  it('then runs one incremental sync with --changes', async () => {
    fake.upsert('Contact', contactId(7), { FirstName: 'Changed' }, new Date(Date.now() - 2_000));
    expect(await expectOneChangeSynced(cli, 1)).toMatchObject({ customerId: contactId(7), profile: { firstName: 'Changed' } });
  }, 60_000);
});
