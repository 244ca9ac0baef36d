import type { CustomerUpdated } from '@syncengage/contracts';
import { testKafkaBrokers, waitFor } from '@syncengage/testing';
import { startIngestService, type RunningIngest } from './support/ingest-service';
import { startSalesforceFake, type SalesforceFake } from './support/salesforce-fake';

const CLIENT = { clientId: '3MVG9fake.scheduled', clientSecret: 'scheduled-secret', refreshToken: '5Aep861scheduled.refresh' };

/**
 * The running service, not the import command: with a CRM other than PostgreSQL configured, its schedule syncs
 * the CRM's changes into Kafka on its own.
 */
describe('the ingest service syncing a CRM on its schedule', () => {
  const brokers = testKafkaBrokers();
  const run = Math.random().toString(36).slice(2, 7).padEnd(5, '0');
  const contactId = (i: number) => `003${run}${String(i).padStart(10, '0')}`;
  let fake: SalesforceFake;
  let ingest: RunningIngest;
  const eventsOfThisRun = (): CustomerUpdated[] =>
    ingest.updates.messages.filter((message) => message.key?.slice(3, 8) === run).map((message) => JSON.parse(message.value) as CustomerUpdated);

  beforeAll(async () => {
    fake = await startSalesforceFake({ ...CLIENT, customFields: { Contact: [], Lead: [] } });
    for (let i = 1; i <= 3; i += 1) {
      fake.upsert('Contact', contactId(i), { Email: `s${i}@example.com`, FirstName: `Sched${i}`, LastName: 'Example' }, new Date(Date.now() - 60_000 + i));
    }
  }, 60_000);

  afterAll(async () => {
    await ingest?.close();
    await fake?.close();
  });

  it('publishes the Salesforce contacts, then a change made afterwards, with no import command run', async () => {
    ingest = await startIngestService(brokers, 'ingest_scheduled_sync', {
      SYNCENGAGE_CRM_PROVIDER: 'salesforce',
      SALESFORCE_LOGIN_URL: fake.url,
      SALESFORCE_CLIENT_ID: CLIENT.clientId,
      SALESFORCE_CLIENT_SECRET: CLIENT.clientSecret,
      SALESFORCE_REFRESH_TOKEN: CLIENT.refreshToken,
      SALESFORCE_OBJECTS: 'Contact',
      CRM_SYNC_INTERVAL_MS: '300',
      CRM_SYNC_SETTLE_MS: '0',
    });

    await waitFor(() => eventsOfThisRun().length >= 3, { description: 'the three contacts from the first scheduled sync', timeoutMs: 30_000 });
    fake.upsert('Contact', contactId(2), { FirstName: 'Renamed' }, new Date(Date.now() - 1_000));
    const renamed = await waitFor(() => eventsOfThisRun().find((event) => event.profile.firstName === 'Renamed'), { description: 'the change on the next run', timeoutMs: 30_000 });

    expect(renamed).toMatchObject({ customerId: contactId(2), source: 'salesforce', eventType: 'customer-updated' });
    // Every contact once from the first run, then only the changed one: the checkpoint held between runs.
    const perCustomer = new Map<string, number>();
    for (const event of eventsOfThisRun()) perCustomer.set(event.customerId, (perCustomer.get(event.customerId) ?? 0) + 1);
    expect(Object.fromEntries(perCustomer)).toEqual({ [contactId(1)]: 1, [contactId(2)]: 2, [contactId(3)]: 1 });
  }, 60_000);
});
