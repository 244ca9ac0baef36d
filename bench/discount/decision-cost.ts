import { randomUUID } from 'node:crypto';
import { deriveEventId, Topics, type CampaignResult, type ChurnScored } from '@syncengage/contracts';
import { migrate, PgSqlClient } from '@syncengage/db';
import { InProcessBus, InProcessEventPublisher } from '@syncengage/kafka';
import { ORCHESTRATOR_MIGRATIONS } from '@syncengage/orchestrator/dist/adapters/postgres/migrations';
import { PostgresBanditStore } from '@syncengage/orchestrator/dist/adapters/postgres/postgres-bandit-store';
import { PostgresCampaignCatalog } from '@syncengage/orchestrator/dist/adapters/postgres/postgres-campaign-catalog';
import { PostgresDecisionLedger } from '@syncengage/orchestrator/dist/adapters/postgres/postgres-decision-ledger';
import { PostgresOutbox } from '@syncengage/orchestrator/dist/adapters/postgres/postgres-outbox';
import { DecideForScore } from '@syncengage/orchestrator/dist/application/decide-for-score';
import { LearnFromResult } from '@syncengage/orchestrator/dist/application/learn-from-result';
import type { Campaign } from '@syncengage/orchestrator/dist/domain/campaigns';
import { loadOrchestratorConfig } from '@syncengage/orchestrator/dist/config';
import { mulberry32 } from '@syncengage/seeded-random';
import { createFreshDatabase } from '@syncengage/testing';
import { textTable } from '../churn/text-table';

/**
 * What learning discounts costs a decision: one orchestrator instance on real PostgreSQL (the test server of
 * SYNCENGAGE_TEST_DATABASE_URL), deciding At-Risk customers with a fixed discount (the baseline) and with the
 * bandit (posterior read + pull row), in alternating rounds of the same run; then learning each sent result.
 */
const ROUNDS = 3;
const DECISIONS_PER_ROUND = 150;
const template = { en: { subject: 'Come back', text: 'Hi {name}, {percent, number, ::percent} off with {code}' } };
const fixed: Campaign = { id: 'fixed-win-back', version: 1, segment: 'At-Risk', variants: [{ name: 'VariantA', weight: 1, discountPercent: 15, templates: template }] };
const learned: Campaign = { ...fixed, id: 'learned-win-back', discountOptimizer: { minPercent: 5, maxPercent: 40, learningRate: 0.01 } };

async function main(): Promise<void> {
  const database = await createFreshDatabase('bench_decision_cost');
  const db = new PgSqlClient(database.url);
  try {
    await migrate(db, 'orchestrator', ORCHESTRATOR_MIGRATIONS);
    const config = loadOrchestratorConfig({ AB_HOLDOUT_PERCENT: '0' });
    const policy = { segmentRules: config.segmentRules, channelPolicy: config.channelPolicy, abTestingEnabled: true, holdoutPercent: 0, cooldownMs: 0, guardRails: config.guardRails };
    const bandits = new PostgresBanditStore(db);
    const learner = new LearnFromResult(bandits);
    const run = async (campaign: Campaign, withBandit: boolean, round: number) => {
      // One campaign per database state: the catalog returns only this one, so every decision goes through it.
      await db.query('DELETE FROM orchestrator_campaigns');
      await new PostgresCampaignCatalog(db).seed(campaign, 'bench');
      const useCase = new DecideForScore(
        new PostgresDecisionLedger(db),
        new PostgresOutbox(db, new InProcessEventPublisher(new InProcessBus())),
        new PostgresCampaignCatalog(db),
        policy,
        { dailyCapCents: 1_000_000_000, timeZone: 'UTC' },
        () => new Date(),
        withBandit ? { bandits, random: mulberry32(round + 1) } : undefined,
      );
      const scores = Array.from({ length: DECISIONS_PER_ROUND }, (_, index) => atRisk(`${campaign.id}-${round}-${index}`));
      const startedAt = process.hrtime.bigint();
      for (const scored of scores) await useCase.execute(scored, 't');
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      return { seconds, scores };
    };
    const totals = { fixed: 0, bandit: 0, learn: 0 };
    for (let round = 0; round < ROUNDS; round += 1) {
      totals.fixed += (await run(fixed, false, round)).seconds;
      const { seconds, scores } = await run(learned, true, round);
      totals.bandit += seconds;
      const startedAt = process.hrtime.bigint();
      for (const [index, scored] of scores.entries()) await learner.execute(result(scored, index % 10 === 0));
      totals.learn += Number(process.hrtime.bigint() - startedAt) / 1e9;
    }
    const perSecond = (seconds: number) => (ROUNDS * DECISIONS_PER_ROUND) / seconds;
    console.log(`${ROUNDS} alternating rounds × ${DECISIONS_PER_ROUND} decisions, one in flight, real PostgreSQL:`);
    console.log(
      textTable(
        ['work', 'per second', 'time vs fixed-discount decision'],
        [
          ['decision, fixed discount (baseline)', perSecond(totals.fixed).toFixed(0), '1.00×'],
          ['decision, discount from the bandit', perSecond(totals.bandit).toFixed(0), `${(totals.bandit / totals.fixed).toFixed(2)}×`],
          ['learning one campaign-result', perSecond(totals.learn).toFixed(0), `${(totals.learn / totals.fixed).toFixed(2)}×`],
        ],
      ),
    );
  } finally {
    await db.close();
    await database.drop();
  }
}

function atRisk(customerId: string): ChurnScored {
  return {
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    customerId,
    eventType: 'churn-scored',
    schemaVersion: 1,
    score: 0.9,
    band: 'high',
    modelVersion: 'rf-1',
    horizonDays: 30,
    rfm: { recencyDays: 60, frequency: 7, monetaryTotalCents: 84_000, tenureDays: 400 },
    profile: { email: `${customerId}@example.com`, firstName: 'Ana', locale: 'en' },
    trigger: 'purchase_made',
  };
}

function result(scored: ChurnScored, converted: boolean): CampaignResult {
  return {
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    customerId: scored.customerId,
    eventType: 'campaign-result',
    schemaVersion: 1,
    messageId: deriveEventId(scored.eventId, Topics.MessageRequested),
    campaignId: 'learned-win-back',
    campaignVersion: 1,
    variant: 'VariantA',
    channel: 'email',
    provider: 'bench',
    status: 'sent',
    opened: converted,
    clicked: converted,
    converted,
    revenueImpactCents: converted ? 12_000 : 0,
    discountReservedCents: 0,
  };
}

main().catch((error: Error) => {
  console.error(error);
  process.exitCode = 1;
});
