import { randomUUID } from 'node:crypto';
import { migrate, PgSqlClient } from '@syncengage/db';
import type { CampaignResult } from '@syncengage/contracts';
import { createFreshDatabase, type FreshDatabase } from '@syncengage/testing';
import { ORCHESTRATOR_MIGRATIONS } from '../src/adapters/postgres/migrations';
import { PostgresBanditStore, recordBanditPull } from '../src/adapters/postgres/postgres-bandit-store';
import { LearnFromResult } from '../src/application/learn-from-result';
import { emptyPosterior, type DiscountOptimizer } from '../src/domain/discount-bandit';

const optimizer: DiscountOptimizer = { minDiscount: 10, maxDiscount: 20, learningRate: 0, levels: [10, 20] };
const KEY = 'win-back|*|At-Risk|high';

/** Several instances learning at once in one brand-new context, on real PostgreSQL. */
describe('the discount bandit learning from concurrent instances', () => {
  let database: FreshDatabase;
  let instances: PgSqlClient[];

  beforeAll(async () => {
    database = await createFreshDatabase('bandit_learning');
    instances = [new PgSqlClient(database.url), new PgSqlClient(database.url), new PgSqlClient(database.url)];
    await migrate(instances[0], 'orchestrator', ORCHESTRATOR_MIGRATIONS);
  });

  afterAll(async () => {
    await Promise.all(instances.map((db) => db.close()));
    await database.drop();
  });

  it('loses no result and counts none twice, however the results of 60 messages interleave and repeat', async () => {
    const messages = Array.from({ length: 60 }, (_, index) => ({ messageId: randomUUID(), percent: index % 2 === 0 ? 10 : 20, converts: index % 3 === 0 }));
    for (const { messageId, percent } of messages) {
      await instances[0].transaction((tx) =>
        recordBanditPull(tx, messageId, new Date(), { key: KEY, campaignId: 'win-back', scope: '*', segment: 'At-Risk', band: 'high', discountPercent: percent, optimizer, posterior: emptyPosterior(optimizer), sampledReward: 0.5 }),
      );
    }
    const resultOf = (messageId: string, converted: boolean): CampaignResult => ({
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      customerId: `c-${messageId}`,
      eventType: 'campaign-result',
      schemaVersion: 1,
      messageId,
      campaignId: 'win-back',
      campaignVersion: 1,
      variant: 'VariantA',
      channel: 'email',
      provider: 'local-outbox',
      status: 'sent',
      stage: converted ? 'converted' : 'sent',
      opened: converted,
      clicked: converted,
      converted,
      revenueImpactCents: converted ? 5_000 : 0,
      discountReservedCents: 0,
    });
    // Each message: its sent result, then its conversion if any, each delivered twice, spread over three instances.
    const learners = instances.map((db) => new LearnFromResult(new PostgresBanditStore(db)));
    await Promise.all(
      messages.map(async ({ messageId, converts }, index) => {
        for (const converted of converts ? [false, true] : [false]) {
          await Promise.all([learners[index % 3].execute(resultOf(messageId, converted)), learners[(index + 1) % 3].execute(resultOf(messageId, converted))]);
        }
      }),
    );
    const arms = await instances[0].query<{ discount_percent: number; successes: number; failures: number }>(
      'SELECT discount_percent, successes, failures FROM orchestrator_bandit_arms WHERE context_key = $1 ORDER BY discount_percent',
      [KEY],
    );
    const rewardAt = (percent: number) => (5_000 - (5_000 * percent) / 100) / 10_000;
    for (const arm of arms.rows) {
      const mine = messages.filter((message) => message.percent === arm.discount_percent);
      expect(arm.successes + arm.failures).toBeCloseTo(mine.length, 9);
      expect(arm.successes).toBeCloseTo(mine.filter((message) => message.converts).length * rewardAt(arm.discount_percent), 9);
    }
    expect(arms.rows.map((arm) => arm.discount_percent)).toEqual([10, 20]);
  });
});
