import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgSqlClient } from '@syncengage/db';
import { deriveEventId, Topics, type CampaignResult, type CustomerUpdated, type MessageRequested } from '@syncengage/contracts';
import { KafkaEventPublisher } from '@syncengage/kafka';
import { createRuntime, type RunningService } from '@syncengage/runtime';
import { collectMessages, createFreshDatabase, createTopics, startGroupAtTopicEnd, testKafkaBrokers, waitFor, type FreshDatabase, type MessageCollector } from '@syncengage/testing';
import { loadOrchestratorConfig } from '../src/config';
import { startOrchestrator } from '../src/start-orchestrator';
import { assignVariant } from '../src/domain/variant-assignment';
import type { CampaignResults } from '../src/application/experiment-results';
import { campaignResult } from './support/campaign-results';
import { kafkaOrchestratorEnv } from './support/orchestrator-env';
import { atRiskScore } from './support/scores';

const CAMPAIGN_ID = 'learning-win-back';
const CONTEXT = `${CAMPAIGN_ID}|*|At-Risk|high`;
const template = { en: { subject: 'Come back', text: 'Hi {name}, {percent, number, ::percent} off with {code}' } };
const campaign = {
  id: CAMPAIGN_ID,
  version: 1,
  segment: 'At-Risk',
  autoPromote: true,
  experiment: { minCustomersPerArm: 5 },
  discountOptimizer: { minPercent: 5, maxPercent: 25, learningRate: 0.1, levels: [5, 15, 25] },
  variants: [
    { name: 'VariantA', weight: 1, discountPercent: 10, templates: template },
    { name: 'VariantB', weight: 1, discountPercent: 20, templates: template },
  ],
};
const HOLDOUT_PERCENT = 25;
const armOf = (customerId: string) => assignVariant(customerId, `${CAMPAIGN_ID}@1`, campaign.variants, HOLDOUT_PERCENT);
// Fixed ids: assignment is deterministic, so the arms (and so this test) are the same on every run.
const CUSTOMERS = Array.from({ length: 60 }, (_, index) => `exp-customer-${index}`);

/**
 * The bandit and the A/B statistics on the real service: churn-scored, campaign-result and customer-updated over
 * the real broker, state in real PostgreSQL, results over HTTP.
 */
describe('learned discounts and A/B results, end to end', () => {
  const brokers = testKafkaBrokers();
  const groupId = `orchestrator-experiment-${randomUUID()}`;
  let database: FreshDatabase;
  let db: PgSqlClient;
  let service: RunningService;
  let publisher: KafkaEventPublisher;
  let requested: MessageCollector;
  let campaignsDir: string;
  const messageIdOf = new Map<string, string>();
  /** What the published results say per customer, merged as the service must: flags switch on, revenue only grows. */
  const expected = new Map<string, { sent: boolean; opened: boolean; clicked: boolean; converted: boolean; revenueCents: number }>();
  const publishResult = async (value: CampaignResult) => {
    const known = expected.get(value.customerId) ?? { sent: false, opened: false, clicked: false, converted: false, revenueCents: 0 };
    expected.set(value.customerId, {
      sent: known.sent || value.status === 'sent',
      opened: known.opened || value.opened,
      clicked: known.clicked || value.clicked,
      converted: known.converted || value.converted,
      revenueCents: Math.max(known.revenueCents, value.converted ? value.revenueImpactCents : 0),
    });
    await publisher.publish(Topics.CampaignResult, value, 't');
  };

  const query = async <Row>(sql: string, params: unknown[] = []) => (await db.query<Row>(sql, params)).rows;
  const arms = () => query<{ discount_percent: number; successes: number; failures: number }>('SELECT discount_percent, successes, failures FROM orchestrator_bandit_arms WHERE context_key = $1 ORDER BY discount_percent', [CONTEXT]);
  const pullOf = async (messageId: string) =>
    (await query<{ discount_percent: number; learned_reward: number | null; posterior: { arms: Array<{ discountPercent: number; successes: number; failures: number }> } }>(
      'SELECT discount_percent, learned_reward, posterior FROM orchestrator_bandit_pulls WHERE message_id = $1',
      [messageId],
    ))[0];
  const result = (customerId: string, fields: Partial<CampaignResult>): CampaignResult =>
    campaignResult({ customerId, messageId: messageIdOf.get(customerId)!, campaignId: CAMPAIGN_ID, campaignVersion: 1, variant: armOf(customerId) }, { stage: 'sent', ...fields });
  const purchase = (customerId: string, orderId: string, amountCents: number, orderedAt: Date): CustomerUpdated => ({
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    customerId,
    eventType: 'customer-updated',
    schemaVersion: 1,
    source: 'webhook',
    change: 'purchase_made',
    purchase: { orderId, amountCents, currency: 'EUR', orderedAt: orderedAt.toISOString() },
    profile: {},
    attributes: {},
  });
  const decide = async (customerId: string) => {
    const scored = atRiskScore(customerId);
    messageIdOf.set(customerId, deriveEventId(scored.eventId, Topics.MessageRequested));
    await publisher.publish(Topics.ChurnScored, scored, `trace-${customerId}`);
  };
  const getResults = async (): Promise<CampaignResults> => (await (await fetch(`${service.url}/campaigns/${CAMPAIGN_ID}/results`)).json()) as CampaignResults;

  beforeAll(async () => {
    await createTopics(brokers, [Topics.ChurnScored, Topics.CampaignResult, Topics.CustomerUpdated, Topics.MessageRequested]);
    for (const topic of [Topics.ChurnScored, Topics.CampaignResult, Topics.CustomerUpdated]) await startGroupAtTopicEnd(brokers, groupId, topic);
    database = await createFreshDatabase('orchestrator_experiment');
    db = new PgSqlClient(database.url);
    campaignsDir = mkdtempSync(join(tmpdir(), 'campaigns-'));
    writeFileSync(join(campaignsDir, 'learning-win-back.json'), JSON.stringify(campaign));
    const config = loadOrchestratorConfig({
      ...kafkaOrchestratorEnv(brokers, groupId, database.url),
      CAMPAIGNS_DIR: campaignsDir,
      AB_HOLDOUT_PERCENT: String(HOLDOUT_PERCENT),
      CONTACT_COOLDOWN_HOURS: '0',
      FREQUENCY_CAPS: 'off',
      QUIET_HOURS: 'off',
      DAILY_DISCOUNT_BUDGET_CENTS: '100000000',
      OUTBOX_FLUSH_INTERVAL_MS: '100',
      EXPERIMENT_EVALUATION_INTERVAL_MS: '300',
    });
    requested = await collectMessages(brokers, Topics.MessageRequested, { fromBeginning: false });
    service = await startOrchestrator(config, await createRuntime(config.infrastructure));
    publisher = await KafkaEventPublisher.connect(brokers, 'experiment-test');
  }, 90_000);

  afterAll(async () => {
    await service?.close();
    await publisher?.close();
    await requested?.stop();
    await db?.close();
    await database?.drop();
    rmSync(campaignsDir, { recursive: true, force: true });
  });

  it('draws every discount from the bandit, inside its levels, and says so in the decision and the message', async () => {
    for (const customerId of CUSTOMERS) await decide(customerId);
    await waitFor(async () => (await query('SELECT 1 FROM orchestrator_decisions')).length === CUSTOMERS.length, { description: 'a decision per customer', timeoutMs: 30_000 });
    const decisions = await query<{ message_id: string; action: string; variant: string; reason: string; customer_id: string }>(
      'SELECT message_id, action, variant, reason, customer_id FROM orchestrator_decisions',
    );
    const sends = decisions.filter((decision) => decision.action === 'send');
    expect(decisions.filter((decision) => decision.action === 'holdout').length).toBeGreaterThanOrEqual(5);
    expect(decisions.every((decision) => decision.variant === armOf(decision.customer_id))).toBe(true);
    const messages = await waitFor(
      () => {
        const found = sends.map((send) => requested.messages.find((message) => (JSON.parse(message.value) as MessageRequested).eventId === send.message_id));
        return found.every(Boolean) ? found.map((message) => JSON.parse(message!.value) as MessageRequested) : undefined;
      },
      { description: 'message-requested for every send', timeoutMs: 30_000 },
    );
    for (const message of messages) {
      const pull = await pullOf(message.eventId);
      expect([5, 15, 25]).toContain(pull.discount_percent);
      expect(message.discount?.percent).toBe(pull.discount_percent);
      expect(message.reason).toContain(`discount ${pull.discount_percent}% by Thompson sampling`);
      expect(message.reason).toContain(CONTEXT);
    }
    const held = decisions.filter((decision) => decision.action === 'holdout');
    expect(await query('SELECT 1 FROM orchestrator_bandit_pulls WHERE message_id = ANY($1)', [held.map((decision) => decision.message_id)])).toHaveLength(0);
  }, 60_000);

  it('learns a message’s profit once, raises it when the message converts, and ignores redelivered and late results', async () => {
    const customerId = CUSTOMERS.find((id) => armOf(id) !== 'holdout')!;
    const messageId = messageIdOf.get(customerId)!;
    const { discount_percent: percent } = await pullOf(messageId);
    await publishResult(result(customerId, {}));
    await waitFor(async () => (await pullOf(messageId)).learned_reward === 0, { description: 'the sent result to be learned' });
    const afterSent = await arms();
    expect(afterSent.find((arm) => arm.discount_percent === percent)).toMatchObject({ successes: 0, failures: 1 });

    const converted = result(customerId, { stage: 'converted', opened: true, clicked: true, converted: true, revenueImpactCents: 8_000, convertedAt: new Date().toISOString() });
    await publishResult(converted);
    // Profit = 8000 − percent % of it, over the default reward scale of 10 000 cents.
    const reward = (8_000 - Math.round((8_000 * percent) / 100)) / 10_000;
    await waitFor(async () => (await pullOf(messageId)).learned_reward === reward, { description: 'the conversion to raise the reward' });
    const afterConverted = await arms();
    expect(afterConverted.find((arm) => arm.discount_percent === percent)!.successes).toBeCloseTo(reward, 10);
    expect(afterConverted.find((arm) => arm.discount_percent === percent)!.failures).toBeCloseTo(1 - reward, 10);

    await publishResult(converted); // the same event again
    await publishResult({ ...converted, eventId: randomUUID() }); // the same stage re-emitted
    // An older stage arriving last; once its `opened` is stored, everything before it was handled too (one partition per customer).
    await publishResult(result(customerId, { stage: 'opened', opened: true }));
    await waitFor(async () => (await query('SELECT 1 FROM orchestrator_experiment_outcomes WHERE message_id = $1 AND opened', [messageId])).length === 1, {
      description: 'the late result to be handled',
    });
    expect(await arms()).toEqual(afterConverted);
    expect((await pullOf(messageId)).learned_reward).toBe(reward);
    expect((await query<{ converted: boolean; revenue_cents: string }>('SELECT converted, revenue_cents FROM orchestrator_experiment_outcomes WHERE message_id = $1', [messageId]))[0]).toEqual({
      converted: true,
      revenue_cents: '8000',
    });

    // The next decision in this context draws from what was learned, and records it.
    const next = Array.from({ length: 100 }, (_, index) => `exp-late-${index}`).find((id) => armOf(id) !== 'holdout')!;
    await decide(next);
    await waitFor(async () => (await pullOf(messageIdOf.get(next)!)) !== undefined, { description: 'a decision for a later customer' });
    const { posterior } = await pullOf(messageIdOf.get(next)!);
    expect(posterior.arms.find((arm) => arm.discountPercent === percent)!.successes).toBeCloseTo(reward, 10);
  }, 60_000);

  it('reports per arm, the holdout included, what the results and purchases say, and promotes the winner', async () => {
    const customers = [...messageIdOf.keys()];
    const inArm = (arm: string) => customers.filter((id) => armOf(id) === arm);
    const [variantA, variantB, holdout] = [inArm('VariantA'), inArm('VariantB'), inArm('holdout')];
    // VariantA: all sent, every other one opened, one converted. VariantB: all opened and clicked, all but one converted.
    for (const [index, customerId] of variantA.entries()) {
      await publishResult(result(customerId, { stage: index % 2 === 0 ? 'opened' : 'sent', opened: index % 2 === 0 }));
    }
    await publishResult(result(variantA[1], { stage: 'converted', opened: true, clicked: true, converted: true, revenueImpactCents: 5_000 }));
    for (const [index, customerId] of variantB.entries()) {
      const converts = index > 0;
      await publishResult(result(customerId, { stage: converts ? 'converted' : 'clicked', opened: true, clicked: true, converted: converts, revenueImpactCents: converts ? 8_000 : 0 }));
    }
    // The holdout is sent nothing: one buys after the decision (counted), one had bought before it (not counted).
    await publisher.publish(Topics.CustomerUpdated, purchase(holdout[0], 'order-after', 4_000, new Date()), 't');
    await publisher.publish(Topics.CustomerUpdated, purchase(holdout[1], 'order-before', 9_900, new Date(Date.now() - 86_400_000)), 't');
    await waitFor(async () => (await query('SELECT 1 FROM orchestrator_experiment_outcomes')).length === variantA.length + variantB.length, {
      description: 'every result stored',
      timeoutMs: 30_000,
    });
    await waitFor(async () => (await query('SELECT 1 FROM orchestrator_experiment_purchases')).length === 1, { description: 'the holdout purchase stored' });

    const results = await waitFor(async () => {
      const latest = await getResults();
      return latest.promotions.some((promotion) => promotion.toVersion === 2) ? latest : undefined;
    }, { description: 'automatic promotion of the winner', timeoutMs: 30_000 });
    const version1 = results.versions.find((version) => version.version === 1)!;
    const armResult = (arm: string) => version1.analysis.arms.find((result) => result.arm === arm)!;
    for (const [arm, members] of [['VariantA', variantA], ['VariantB', variantB]] as const) {
      const outcomes = members.map((id) => expected.get(id) ?? { sent: false, opened: false, clicked: false, converted: false, revenueCents: 0 });
      const count = (flag: 'sent' | 'opened' | 'clicked' | 'converted') => outcomes.filter((outcome) => outcome[flag]).length;
      expect(armResult(arm)).toMatchObject({
        customers: members.length,
        sent: count('sent'),
        opened: count('opened'),
        clicked: count('clicked'),
        converted: count('converted'),
        revenueCents: outcomes.reduce((sum, outcome) => sum + outcome.revenueCents, 0),
      });
    }
    expect(armResult('VariantB').converted).toBeGreaterThanOrEqual(variantB.length - 2);
    expect(armResult('holdout')).toMatchObject({ isHoldout: true, customers: holdout.length, sent: 0, opened: 0, converted: 1, revenueCents: 4_000 });
    expect(armResult('holdout').ltvPerCustomerCents.estimate).toBeCloseTo(4_000 / holdout.length, 6);
    expect(armResult('VariantB').conversionRate.low).toBeGreaterThan(0);
    expect(armResult('VariantB').vsControl).toMatchObject({ against: 'holdout', verdict: 'better' });
    expect(version1.analysis.winner?.arm).toBe('VariantB');

    const promoted = (await (await fetch(`${service.url}/campaigns/${CAMPAIGN_ID}?version=2`)).json()) as { variants: Array<{ name: string }>; autoPromote: boolean; promotedFrom: { fromVersion: number; winner: string; reason: string } };
    expect(promoted.variants.map((variant) => variant.name)).toEqual(['VariantB']);
    expect(promoted.autoPromote).toBe(false);
    expect(promoted.promotedFrom).toMatchObject({ fromVersion: 1, winner: 'VariantB', reason: expect.stringContaining('VariantB converts better than VariantA') });
    const versions = (await (await fetch(`${service.url}/campaigns/${CAMPAIGN_ID}/versions`)).json()) as { versions: Array<{ version: number; source: string }> };
    expect(versions.versions).toEqual([expect.objectContaining({ version: 1 }), expect.objectContaining({ version: 2, source: 'auto-promotion' })]);
  }, 90_000);
});
