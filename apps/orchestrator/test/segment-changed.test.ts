import { decodeSegmentChanged, Topics } from '@syncengage/contracts';
import { collectMessages, testKafkaBrokers, waitFor, type MessageCollector } from '@syncengage/testing';
import { createJourneyWorld, waitForMessages, type JourneyWorld } from './journey-harness';
import { newCustomerScore } from './support/scores';

/** segment-changed on the real broker, and what entering and leaving a segment do to journeys. */
describe('segment changes', () => {
  let world: JourneyWorld;
  let changes: MessageCollector;
  const changesOf = (customerId: string) => changes.messages.filter((message) => message.key === customerId).map((message) => decodeSegmentChanged(JSON.parse(message.value)));
  const decided = (scoredEventId: string) =>
    waitFor(async () => (await world.db.query('SELECT 1 FROM orchestrator_decisions WHERE scored_event_id = $1', [scoredEventId])).rows.length > 0, {
      description: `a decision for ${scoredEventId}`,
      timeoutMs: 30_000,
    });

  beforeAll(async () => {
    world = await createJourneyWorld('segment');
    changes = await collectMessages(testKafkaBrokers(), Topics.SegmentChanged, { fromBeginning: false });
    await world.startInstance();
  }, 90_000);
  afterAll(async () => {
    await changes?.stop();
    await world?.close();
  }, 30_000);

  it('publishes each change once: entering New starts the onboarding journey, leaving it for At-Risk exits it', async () => {
    const customerId = `${world.runId}-mover`;
    const asNew = newCustomerScore(customerId);
    await world.publishScore(asNew);
    const [entered] = await waitFor(() => changesOf(customerId).length >= 1 && changesOf(customerId), { description: 'segment-changed into New', timeoutMs: 30_000 });
    expect(entered).toMatchObject({ previousSegment: null, segment: 'New', causationId: asNew.eventId, reason: expect.stringContaining('first order 5 days ago') });
    await waitForMessages(world, customerId, 1);
    await waitFor(async () => (await world.journeyOf(customerId))?.status === 'active', { description: 'the onboarding journey to start', timeoutMs: 30_000 });

    const stillNew = newCustomerScore(customerId);
    await world.publishScore(stillNew);
    await decided(stillNew.eventId);

    const slipping = newCustomerScore(customerId, { band: 'high', score: 0.9, rfm: { recencyDays: 60, frequency: 3, monetaryTotalCents: 30_000, tenureDays: 400 } });
    await world.publishScore(slipping);
    const left = await waitFor(() => changesOf(customerId)[1], { description: 'segment-changed New → At-Risk', timeoutMs: 30_000 });
    expect(left).toMatchObject({ previousSegment: 'New', segment: 'At-Risk', causationId: slipping.eventId });
    expect(await world.journeyOf(customerId)).toMatchObject({ status: 'exited', state: { exitReason: 'left segment New for At-Risk' } });

    // Another score in the same segment: no event. The decision that follows is proof it was handled.
    const stillSlipping = { ...slipping, eventId: newCustomerScore(customerId).eventId };
    await world.publishScore(stillSlipping);
    await decided(stillSlipping.eventId);
    await waitFor(async () => (await world.db.query('SELECT 1 FROM orchestrator_outbox WHERE published_at IS NULL')).rows.length === 0, { description: 'the outbox to drain' });
    expect(changesOf(customerId).map((change) => `${change.previousSegment} > ${change.segment}`)).toEqual(['null > New', 'New > At-Risk']);
    const recorded = await world.db.query<{ segment: string }>('SELECT segment FROM orchestrator_customer_segments WHERE customer_id = $1', [customerId]);
    expect(recorded.rows[0].segment).toBe('At-Risk');
  }, 120_000);
});
