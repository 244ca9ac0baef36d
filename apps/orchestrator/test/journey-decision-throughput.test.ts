import type { PgSqlClient } from '@syncengage/db';
import { Topics } from '@syncengage/contracts';
import { InProcessBus, InProcessEventPublisher } from '@syncengage/kafka';
import { PostgresCampaignCatalog } from '../src/adapters/postgres/postgres-campaign-catalog';
import { PostgresDecisionLedger } from '../src/adapters/postgres/postgres-decision-ledger';
import { PostgresJourneySegmentLedger } from '../src/adapters/postgres/postgres-journey-segment-ledger';
import { PostgresJourneyStore } from '../src/adapters/postgres/postgres-journey-store';
import { PostgresOutbox } from '../src/adapters/postgres/postgres-outbox';
import { DecideForScore } from '../src/application/decide-for-score';
import { EnrollJourney } from '../src/application/enroll-journey';
import { TrackSegment } from '../src/application/track-segment';
import { loadOrchestratorConfig } from '../src/config';
import { createSeededDatabase, measureDecisionsPerSecond, type SeededDatabase } from './support/decision-throughput';
import { newCustomerScore } from './support/scores';

/**
 * Decisions per second of one instance when every score also records the customer's segment (publishing
 * segment-changed) and enrolls them in the onboarding journey: the cost of journeys on the decision path, to read
 * beside decision-throughput.test.ts. Prints the figure; asserts only that each customer got one welcome, one
 * segment-changed and one journey.
 */
describe('decision throughput with segment tracking and journey enrollment', () => {
  let seeded: SeededDatabase;
  let db: PgSqlClient;

  beforeAll(async () => {
    seeded = await createSeededDatabase('journey_throughput');
    db = seeded.db;
  });
  afterAll(() => seeded?.close());

  it.each([1, 3])('decides, enrolls and publishes with %i in flight', async (inFlight) => {
    const config = loadOrchestratorConfig({ AB_HOLDOUT_PERCENT: '0' });
    const bus = new InProcessBus();
    const ledger = new PostgresDecisionLedger(db);
    const catalog = new PostgresCampaignCatalog(db);
    const policy = { segmentRules: config.segmentRules, channelPolicy: config.channelPolicy, abTestingEnabled: true, holdoutPercent: 0, cooldownMs: 0, guardRails: config.guardRails };
    const useCase = new DecideForScore(ledger, new PostgresOutbox(db, new InProcessEventPublisher(bus)), catalog, policy, { dailyCapCents: 1_000_000, timeZone: 'UTC' }, () => new Date(), undefined, {
      trackSegment: new TrackSegment(new PostgresJourneySegmentLedger(db), config.segmentRules),
      enroll: new EnrollJourney(new PostgresJourneyStore(db, ledger), catalog),
    });
    const total = 150;
    const scores = Array.from({ length: total }, (_, index) => newCustomerScore(`jt${inFlight}-${index}`));
    await measureDecisionsPerSecond('orchestrator with journeys', useCase, scores, inFlight);
    expect(bus.messages(Topics.MessageRequested)).toHaveLength(total);
    expect(bus.messages(Topics.SegmentChanged)).toHaveLength(total);
    const journeys = await db.query<{ n: string }>("SELECT count(*) AS n FROM orchestrator_journey_instances WHERE customer_id LIKE $1", [`jt${inFlight}-%`]);
    expect(Number(journeys.rows[0].n)).toBe(total);
  }, 90_000);
});
