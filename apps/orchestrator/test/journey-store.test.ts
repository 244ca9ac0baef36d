import { deriveEventId, Topics } from '@syncengage/contracts';
import { migrate, PgSqlClient } from '@syncengage/db';
import { createFreshDatabase, type FreshDatabase } from '@syncengage/testing';
import { DEFAULT_CAMPAIGNS } from '../src/adapters/files/default-campaigns';
import { ORCHESTRATOR_MIGRATIONS } from '../src/adapters/postgres/migrations';
import { PostgresCampaignCatalog } from '../src/adapters/postgres/postgres-campaign-catalog';
import { PostgresDecisionLedger } from '../src/adapters/postgres/postgres-decision-ledger';
import { PostgresJourneyStore } from '../src/adapters/postgres/postgres-journey-store';
import { AdvanceJourneys } from '../src/application/advance-journeys';
import { journeyInstanceIdOf } from '../src/application/enroll-journey';
import { SendJourneyStep } from '../src/application/send-journey-step';
import type { JourneyInstance } from '../src/application/journey-ports';
import type { JourneyCustomer } from '../src/domain/journey-step-decision';

/** The journey store on real PostgreSQL: a follow-up, its decision and its outbox row commit together, once. */
describe('the PostgreSQL journey store', () => {
  let database: FreshDatabase;
  let db: PgSqlClient;
  let store: PostgresJourneyStore;
  let clock: Date;
  let journeys: AdvanceJourneys;
  const onboarding = DEFAULT_CAMPAIGNS.find((campaign) => campaign.id === 'new-onboarding')!;
  const T0 = new Date('2026-03-02T10:00:00Z');
  const customer: JourneyCustomer = { profile: { email: 'ana@example.com', locale: 'en' }, band: 'low', rfm: { recencyDays: 3, frequency: 1, monetaryTotalCents: 4_000, tenureDays: 5 } };

  /** A journey three days into onboarding, its welcome unopened: the reminder is due. */
  function dueForReminder(customerId: string, snapshot: unknown = customer): JourneyInstance {
    const welcomeId = deriveEventId(customerId, Topics.MessageRequested);
    return {
      instanceId: journeyInstanceIdOf(welcomeId),
      customerId,
      campaignId: onboarding.id,
      campaignVersion: onboarding.version,
      segment: 'New',
      variant: 'VariantA',
      state: { status: 'active', stepId: 'wait-three-days', timerFor: 'wait-three-days', dueAt: T0.toISOString(), lastMessageId: welcomeId, engagement: { opened: false, clicked: false, converted: false }, sends: 0 },
      customer: snapshot as JourneyCustomer,
      campaign: onboarding,
    };
  }

  beforeAll(async () => {
    database = await createFreshDatabase('journey_store');
    db = new PgSqlClient(database.url);
    await migrate(db, 'orchestrator', ORCHESTRATOR_MIGRATIONS);
    await new PostgresCampaignCatalog(db).seed(onboarding, 'test');
    store = new PostgresJourneyStore(db, new PostgresDecisionLedger(db));
    const config = { channelPolicy: { smsEnabled: false, smsMinBand: 'high' as const, smsMinSpendCents: 0 }, historyWindowMs: 7 * 86_400_000 };
    journeys = new AdvanceJourneys(store, new SendJourneyStep(config, { dailyCapCents: 10_000, timeZone: 'UTC' }), () => clock);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('enrolls a customer in a campaign’s journey only once', async () => {
    const first = dueForReminder('once');
    expect(await store.enroll(first, T0)).toBe(true);
    expect(await store.enroll({ ...first, instanceId: journeyInstanceIdOf(deriveEventId('other', 'welcome')) }, T0)).toBe(false);
    expect(await store.enrolledCampaignIds('once')).toEqual(['new-onboarding']);
  });

  it('commits a due follow-up with its decision and outbox row, and a journey that fails is postponed without holding up the rest', async () => {
    clock = new Date(T0.getTime() + 60_000);
    const healthy = dueForReminder('healthy');
    // A snapshot without profile or RFM: deciding its step throws. Due first, so it is claimed ahead of the other.
    const unfit = dueForReminder('broken', {});
    const broken = { ...unfit, state: { ...unfit.state, dueAt: new Date(T0.getTime() - 60_000).toISOString() } };
    await store.enroll(broken, T0);
    await store.enroll(healthy, T0);
    expect(await journeys.fireDue()).toBeGreaterThanOrEqual(2);

    const sent = await db.query<{ message_id: string; reason: string }>("SELECT message_id, reason FROM orchestrator_decisions WHERE customer_id = 'healthy' AND action = 'send'");
    expect(sent.rows).toHaveLength(1);
    expect(sent.rows[0].reason).toContain('step reminder');
    const outbox = await db.query('SELECT 1 FROM orchestrator_outbox WHERE message_id = $1 AND published_at IS NULL', [sent.rows[0].message_id]);
    expect(outbox.rows).toHaveLength(1);

    const postponed = await db.query<{ status: string; due_at: Date }>("SELECT status, due_at FROM orchestrator_journey_instances WHERE customer_id = 'broken'");
    expect(postponed.rows[0].status).toBe('active');
    expect(postponed.rows[0].due_at.getTime()).toBe(clock.getTime() + 5 * 60_000);
    const failures = await db.query<{ status: string }>("SELECT status FROM orchestrator_journey_history WHERE instance_id = $1 AND status LIKE 'active: failed%'", [broken.instanceId]);
    expect(failures.rows).toHaveLength(1);
    expect(await db.query("SELECT 1 FROM orchestrator_decisions WHERE customer_id = 'broken'")).toMatchObject({ rows: [] });
  });
});
