import { waitFor } from '@syncengage/testing';
import type { RunningService } from '@syncengage/runtime';
import { AdvanceJourneys } from '../src/application/advance-journeys';
import { createJourneyWorld, resultFor, waitForMessages, type JourneyWorld } from './journey-harness';
import { newCustomerScore } from './support/scores';

const DAY_MS = 86_400_000;

/**
 * The default onboarding journey (welcome, wait three days, tips if the welcome was opened, else a reminder; a
 * purchase exits) over the real broker and PostgreSQL. Days pass on the service clock; restarts are new Nest
 * apps on the same database and consumer group.
 */
describe('journeys with durable timers', () => {
  let world: JourneyWorld;
  let instance: RunningService | undefined;

  beforeAll(async () => {
    world = await createJourneyWorld('journey');
  }, 90_000);
  afterAll(() => world?.close(), 30_000);

  const armed = (customerId: string) =>
    waitFor(async () => (await world.journeyOf(customerId))?.state.timerFor === 'wait-three-days', { description: `${customerId}'s journey waiting three days`, timeoutMs: 30_000 });
  const timerEvents = async (customerId: string) =>
    (
      await world.db.query<{ event: string; trail: string; status: string }>(
        'SELECT h.event, h.trail, h.status FROM orchestrator_journey_history h JOIN orchestrator_journey_instances i USING (instance_id) WHERE i.customer_id = $1 ORDER BY h.id',
        [customerId],
      )
    ).rows;

  it('waits three days across a restart, then follows the opened branch or sends the reminder, and a purchase exits', async () => {
    const [opener, ignorer, buyer] = ['opener', 'ignorer', 'buyer'].map((name) => `${world.runId}-${name}`);
    instance = await world.startInstance();
    for (const customerId of [opener, ignorer, buyer]) await world.publishScore(newCustomerScore(customerId));
    const [openerWelcome] = await waitForMessages(world, opener, 1);
    const [buyerWelcome] = await waitForMessages(world, buyer, 1);
    await waitForMessages(world, ignorer, 1);
    expect(openerWelcome).toMatchObject({ campaignId: 'new-onboarding', campaignVersion: 2, content: { subject: 'Welcome aboard' } });
    for (const customerId of [opener, ignorer, buyer]) await armed(customerId);
    const due = await world.db.query<{ due_at: Date }>('SELECT due_at FROM orchestrator_journey_instances WHERE customer_id = $1', [opener]);
    expect(due.rows[0].due_at.toISOString()).toBe(new Date(world.clock.now.getTime() + 3 * DAY_MS).toISOString());

    await world.publishResult(resultFor(openerWelcome, 'opened'));
    await world.publishResult(resultFor(buyerWelcome, 'converted'));
    await waitFor(async () => (await world.journeyOf(opener))?.state.engagement && ((await world.journeyOf(opener))!.state.engagement as { opened: boolean }).opened, {
      description: 'the open recorded on the waiting journey',
      timeoutMs: 30_000,
    });
    await waitFor(async () => (await world.journeyOf(buyer))?.status === 'exited', { description: 'the buyer’s journey to exit', timeoutMs: 30_000 });
    expect((await world.journeyOf(buyer))!.state).toMatchObject({ exitReason: 'converted' });

    // Two days on nothing is due; then the orchestrator stops, and the third day passes while it is down.
    world.clock.now = new Date(world.clock.now.getTime() + 2 * DAY_MS);
    await instance.app.get(AdvanceJourneys).fireDue();
    expect(world.messagesOf(opener)).toHaveLength(1);
    await instance.close();
    world.clock.now = new Date(world.clock.now.getTime() + DAY_MS + 60_000);
    instance = await world.startInstance();

    const [, tips] = await waitForMessages(world, opener, 2);
    const [, reminder] = await waitForMessages(world, ignorer, 2);
    expect(tips).toMatchObject({ campaignId: 'new-onboarding', content: { subject: 'Three tips for your first order' }, reason: expect.stringContaining('step tips') });
    expect(reminder).toMatchObject({ content: { subject: 'Did you see our welcome?' }, reason: expect.stringContaining('step reminder') });
    expect(await world.journeyOf(opener)).toMatchObject({ status: 'exited', state: { exitReason: 'exit step done', sends: 1 } });
    expect((await timerEvents(opener)).map((row) => `${row.event}: ${row.trail}`)).toEqual([
      'enrolled: ',
      'timer: ',
      'result opened: ',
      'timer: wait-three-days > opened-welcome:then > tips > done',
    ]);
    expect(world.messagesOf(buyer)).toHaveLength(1);
    const decisions = await world.db.query<{ n: string }>("SELECT count(*) AS n FROM orchestrator_decisions WHERE customer_id = ANY($1) AND action = 'send'", [[opener, ignorer, buyer]]);
    expect(Number(decisions.rows[0].n)).toBe(5);
  }, 120_000);

  it('fires each due timer once when two instances share the database', async () => {
    const customers = Array.from({ length: 12 }, (_, index) => `${world.runId}-pair-${index}`);
    instance ??= await world.startInstance();
    for (const customerId of customers) await world.publishScore(newCustomerScore(customerId));
    for (const customerId of customers) {
      await waitForMessages(world, customerId, 1);
      await armed(customerId);
    }
    await instance.close();
    world.clock.now = new Date(world.clock.now.getTime() + 3 * DAY_MS + 60_000);
    const [first, second] = await Promise.all([world.startInstance(), world.startInstance()]);
    // Both pollers run; on top of them, both instances are made to race for the same due rows.
    await Promise.all([first, second, first, second].map((service) => service.app.get(AdvanceJourneys).fireDue()));
    for (const customerId of customers) await waitForMessages(world, customerId, 2);
    for (const customerId of customers) {
      const fired = (await timerEvents(customerId)).filter((row) => row.trail.includes('reminder'));
      expect(fired).toHaveLength(1);
      expect(world.messagesOf(customerId).map((message) => message.content.subject)).toEqual(['Welcome aboard', 'Did you see our welcome?']);
    }
    const reminders = world.messages.messages.filter((message) => customers.includes(message.key ?? '')).map((message) => JSON.parse(message.value).eventId);
    expect(new Set(reminders).size).toBe(reminders.length);
  }, 120_000);
});
