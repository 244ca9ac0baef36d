import type { PgSqlClient } from '@syncengage/db';
import { Topics } from '@syncengage/contracts';
import { InProcessBus, InProcessEventPublisher } from '@syncengage/kafka';
import { PostgresCampaignCatalog } from '../src/adapters/postgres/postgres-campaign-catalog';
import { PostgresDecisionLedger } from '../src/adapters/postgres/postgres-decision-ledger';
import { PostgresOutbox } from '../src/adapters/postgres/postgres-outbox';
import { DecideForScore } from '../src/application/decide-for-score';
import { loadOrchestratorConfig } from '../src/config';
import { createSeededDatabase, measureDecisionsPerSecond, type SeededDatabase } from './support/decision-throughput';
import { atRiskScore } from './support/scores';

/**
 * Decisions per second of one instance: the use case with its real PostgreSQL transaction (history, budget,
 * decision, outbox row) and the publish, with 1 and 3 scores in flight (3 = one per partition of a 3-partition
 * topic). Prints the figure; asserts only that every decision was published once.
 */
describe('decision throughput of one orchestrator instance', () => {
  let seeded: SeededDatabase;
  let db: PgSqlClient;

  beforeAll(async () => {
    seeded = await createSeededDatabase('throughput');
    db = seeded.db;
  });
  afterAll(() => seeded?.close());

  it.each([1, 3])('decides and publishes with %i in flight', async (inFlight) => {
    const config = loadOrchestratorConfig({ DAILY_DISCOUNT_BUDGET_CENTS: '1000000000', AB_HOLDOUT_PERCENT: '0' });
    const bus = new InProcessBus();
    const outbox = new PostgresOutbox(db, new InProcessEventPublisher(bus));
    const policy = {
      segmentRules: config.segmentRules,
      channelPolicy: config.channelPolicy,
      abTestingEnabled: true,
      holdoutPercent: 0,
      cooldownMs: 0,
      guardRails: config.guardRails,
    };
    const useCase = new DecideForScore(new PostgresDecisionLedger(db), outbox, new PostgresCampaignCatalog(db), policy, { dailyCapCents: 1_000_000_000, timeZone: 'UTC' }, () => new Date());
    const total = 150;
    const scores = Array.from({ length: total }, (_, index) => atRiskScore(`tp${inFlight}-${index}`));
    await measureDecisionsPerSecond('orchestrator', useCase, scores, inFlight);
    expect(bus.messages(Topics.MessageRequested)).toHaveLength(total);
  }, 60_000);
});
