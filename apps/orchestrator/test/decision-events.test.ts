import { decodeDecisionRecorded, deriveEventId, Topics, type DecisionRecorded, type Segment } from '@syncengage/contracts';
import { collectMessages, testKafkaBrokers, waitFor, type MessageCollector } from '@syncengage/testing';
import { PostgresCampaignCatalog } from '../src/adapters/postgres/postgres-campaign-catalog';
import { campaignForSegment } from '../src/domain/campaigns';
import { assignVariant, HOLDOUT } from '../src/domain/variant-assignment';
import { createJourneyWorld, waitForMessages, type JourneyWorld } from './journey-harness';
import { atRiskScore, newCustomerScore } from './support/scores';

const HOLDOUT_PERCENT = 50;

/** decision-recorded on the real broker: every decision about a score, sent or not, leaves exactly one. */
describe('decision-recorded', () => {
  let world: JourneyWorld;
  let decisions: MessageCollector;
  const decisionsOf = (customerId: string): DecisionRecorded[] =>
    decisions.messages.filter((message) => message.key === customerId).map((message) => decodeDecisionRecorded(JSON.parse(message.value)));
  const outboxDrained = () =>
    waitFor(async () => (await world.db.query('SELECT 1 FROM orchestrator_outbox WHERE published_at IS NULL')).rows.length === 0, { description: 'the outbox to drain', timeoutMs: 30_000 });

  /** A customer id the segment's campaign puts in `arm` ('holdout' or any variant), found by the same hash the orchestrator uses. */
  async function customerIn(arm: 'holdout' | 'variant', label: string, segment: Segment = 'At-Risk'): Promise<string> {
    const campaign = campaignForSegment(await new PostgresCampaignCatalog(world.db).latest(), segment)!;
    for (let index = 0; ; index += 1) {
      const customerId = `${world.runId}-${label}-${index}`;
      const assigned = assignVariant(customerId, `${campaign.id}@${campaign.version}`, campaign.variants, HOLDOUT_PERCENT);
      if ((assigned === HOLDOUT) === (arm === 'holdout')) return customerId;
    }
  }

  beforeAll(async () => {
    world = await createJourneyWorld('decisions');
    decisions = await collectMessages(testKafkaBrokers(), Topics.DecisionRecorded, { fromBeginning: false });
    await world.startInstance({ AB_HOLDOUT_PERCENT: String(HOLDOUT_PERCENT) });
  }, 90_000);
  afterAll(async () => {
    await decisions?.stop();
    await world?.close();
  }, 30_000);

  it('records a send with its message, discount and channel, and the skip of the next score inside the cool-down', async () => {
    const customerId = await customerIn('variant', 'sent');
    const first = atRiskScore(customerId);
    await world.publishScore(first);
    const [sent] = await waitFor(() => decisionsOf(customerId).length >= 1 && decisionsOf(customerId), { description: 'the send decision', timeoutMs: 30_000 });
    const [message] = await waitForMessages(world, customerId, 1);
    expect(sent).toMatchObject({
      eventId: deriveEventId(first.eventId, Topics.DecisionRecorded),
      causationId: first.eventId,
      scoredEventId: first.eventId,
      action: 'send',
      campaignId: message.campaignId,
      campaignVersion: message.campaignVersion,
      variant: message.variant,
      segment: 'At-Risk',
      riskBand: 'high',
      churnProbability: 0.9,
      messageId: message.eventId,
      discountPercent: message.discount?.percent ?? 0,
      channel: message.channel,
      reason: message.reason,
    });

    const second = atRiskScore(customerId);
    await world.publishScore(second);
    const skipped = await waitFor(() => decisionsOf(customerId)[1], { description: 'the skip decision', timeoutMs: 30_000 });
    expect(skipped).toMatchObject({ scoredEventId: second.eventId, action: 'skip', segment: 'At-Risk', reason: expect.stringContaining('inside the cool-down') });
    expect(skipped.messageId).toBeUndefined();
    expect(skipped.channel).toBeUndefined();
    expect(world.messagesOf(customerId)).toHaveLength(1);
  }, 90_000);

  it('records a holdout, which sends nothing, and records nothing new when its score is redelivered', async () => {
    const customerId = await customerIn('holdout', 'held');
    const scored = atRiskScore(customerId);
    await world.publishScore(scored);
    const [held] = await waitFor(() => decisionsOf(customerId).length >= 1 && decisionsOf(customerId), { description: 'the holdout decision', timeoutMs: 30_000 });
    expect(held).toMatchObject({ scoredEventId: scored.eventId, action: 'holdout', variant: 'holdout', segment: 'At-Risk', reason: expect.stringContaining(`${HOLDOUT_PERCENT}% holdout`) });
    expect(held.campaignId).toEqual(expect.any(String));
    expect(held.messageId).toBeUndefined();

    await world.publishScore(scored);
    // The redelivery may still be in flight: a later customer's decision, then a drained outbox, show it was handled.
    await waitFor(async () => (await world.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orchestrator_decisions WHERE customer_id = $1', [customerId])).rows[0].n === 1, { description: 'one decision' });
    const other = atRiskScore(`${customerId}-after`);
    await world.publishScore(other);
    await waitFor(() => decisionsOf(other.customerId).length === 1, { description: 'a later decision', timeoutMs: 30_000 });
    await outboxDrained();
    expect(decisionsOf(customerId)).toHaveLength(1);
    expect(world.messagesOf(customerId)).toHaveLength(0);
  }, 90_000);

  it("records a journey's follow-up as a decision about the journey step", async () => {
    const customerId = await customerIn('variant', 'journey', 'New');
    const scored = newCustomerScore(customerId);
    await world.publishScore(scored);
    await waitForMessages(world, customerId, 1);
    await waitFor(async () => (await world.journeyOf(customerId))?.state.timerFor === 'wait-three-days', { description: 'the journey waiting three days', timeoutMs: 30_000 });
    world.clock.now = new Date(world.clock.now.getTime() + 3 * 86_400_000 + 60_000);
    const [, followUp] = await waitForMessages(world, customerId, 2);
    const [welcome, recorded] = await waitFor(() => decisionsOf(customerId).length >= 2 && decisionsOf(customerId), { description: 'the follow-up decision', timeoutMs: 30_000 });
    expect(welcome).toMatchObject({ scoredEventId: scored.eventId, action: 'send', campaignId: 'new-onboarding' });
    expect(recorded).toMatchObject({
      action: 'send',
      journey: { instanceId: (await world.journeyOf(customerId))!.instance_id, ordinal: expect.any(Number) },
      campaignId: followUp.campaignId,
      variant: followUp.variant,
      messageId: followUp.eventId,
      causationId: followUp.causationId,
      riskBand: 'low',
      reason: followUp.reason,
    });
    expect(recorded.scoredEventId).toBeUndefined();
    expect(recorded.churnProbability).toBeUndefined();
  }, 90_000);

  it('stores each decision-recorded in the outbox beside its decision', async () => {
    await outboxDrained();
    const rows = await world.db.query<{ decisions: number; recorded: number }>(
      `SELECT (SELECT count(*)::int FROM orchestrator_decisions) AS decisions,
              (SELECT count(*)::int FROM orchestrator_outbox WHERE topic = $1) AS recorded`,
      [Topics.DecisionRecorded],
    );
    expect(rows.rows[0].recorded).toBe(rows.rows[0].decisions);
  });
});
