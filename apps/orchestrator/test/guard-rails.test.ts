import { deriveEventId, Topics, type CampaignResult } from '@syncengage/contracts';
import { InProcessEventPublisher } from '@syncengage/kafka';
import { waitFor } from '@syncengage/testing';
import { startOrchestratorHarness, type OrchestratorHarness } from './support/orchestrator-harness';
import { campaignResult } from './support/campaign-results';
import { atRiskScore } from './support/scores';

/** The guard rails on the real service and PostgreSQL, with the service's clock in the test's hands. */
describe('guard rails', () => {
  let orchestrator: OrchestratorHarness;
  let clock = new Date('2025-03-01T21:30:00Z'); // 22:30 in Madrid
  const decisionOf = async (messageId: string) =>
    (await orchestrator.db.query<{ action: string; channel: string | null; reason: string }>('SELECT action, channel, reason FROM orchestrator_decisions WHERE message_id = $1', [messageId])).rows[0];
  const published = (messageId: string) => orchestrator.bus.messages(Topics.MessageRequested).some((message) => JSON.parse(message.value.toString()).eventId === messageId);
  const decided = (scoredEventId: string) =>
    waitFor(async () => (await orchestrator.db.query('SELECT 1 FROM orchestrator_decisions WHERE scored_event_id = $1', [scoredEventId])).rows.length > 0, {
      description: `a decision for ${scoredEventId}`,
    });
  const result = (customerId: string, fields: Partial<CampaignResult>): CampaignResult =>
    campaignResult(
      { customerId, messageId: deriveEventId(customerId, 'message'), campaignId: 'at-risk-win-back', campaignVersion: 1, variant: 'VariantA' },
      { eventId: deriveEventId(customerId, JSON.stringify(fields)), occurredAt: clock.toISOString(), ...fields },
    );
  const publishResult = (value: CampaignResult) => new InProcessEventPublisher(orchestrator.bus).publish(Topics.CampaignResult, value, 't');

  beforeAll(async () => {
    orchestrator = await startOrchestratorHarness('guard_rails', { OUTBOX_FLUSH_INTERVAL_MS: '50', ENABLE_SMS: 'true', SMS_MIN_RISK_BAND: 'high', SMS_MIN_SPEND_CENTS: '0' }, () => clock);
  }, 30_000);
  afterAll(() => orchestrator?.stop());

  it('holds a message decided in the customer’s quiet hours and sends it when they end, not before', async () => {
    const scored = atRiskScore('night-owl', { profile: { email: 'owl@example.com', locale: 'es-ES', timeZone: 'Europe/Madrid' } });
    await orchestrator.publishScore(scored);
    await decided(scored.eventId);
    const messageId = deriveEventId(scored.eventId, Topics.MessageRequested);
    expect(await decisionOf(messageId)).toMatchObject({ action: 'send', reason: expect.stringContaining('held until 2025-03-02T07:00:00.000Z') });
    const held = await orchestrator.db.query<{ release_at: Date }>('SELECT release_at FROM orchestrator_outbox WHERE message_id = $1 AND published_at IS NULL', [messageId]);
    expect(held.rows[0].release_at.toISOString()).toBe('2025-03-02T07:00:00.000Z');
    // A flush at a time still inside quiet hours publishes nothing.
    clock = new Date('2025-03-02T06:59:00Z');
    await waitFor(async () => (await orchestrator.db.query('SELECT 1 FROM orchestrator_outbox WHERE published_at IS NULL')).rows.length === 1, { description: 'the held row to stay' });
    expect(published(messageId)).toBe(false);
    clock = new Date('2025-03-02T07:00:00Z');
    await waitFor(() => published(messageId), { description: 'the held message to be released at 08:00 Madrid time' });
  });

  it('falls back to SMS once email is suppressed, and contacts nobody once SMS is stopped too', async () => {
    clock = new Date('2025-03-05T12:00:00Z');
    const customerId = 'bounced-then-stopped';
    const profile = { email: 'gone@example.com', phone: '+34600111222', smsConsent: true };
    await publishResult(result(customerId, { status: 'failed', suppression: { channel: 'email', reason: 'bounced' } }));
    await publishResult(result(customerId, { status: 'failed', channel: 'sms', suppression: { channel: 'sms', reason: 'stop' } }));
    await orchestrator.bus.idle();
    const first = atRiskScore(customerId, { profile });
    await orchestrator.publishScore(first);
    await decided(first.eventId);
    expect(await decisionOf(deriveEventId(first.eventId, Topics.MessageRequested))).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/no channel.*email suppressed \(bounced\); sms suppressed \(stop\)/),
    });
    await publishResult(result(customerId, { status: 'sent', channel: 'sms', eventId: deriveEventId(customerId, 'start'), occurredAt: new Date(clock.getTime() + 1).toISOString(), suppression: { channel: 'sms', reason: 'stop', lifted: true } }));
    await orchestrator.bus.idle();
    const second = atRiskScore(customerId, { profile });
    await orchestrator.publishScore(second);
    await decided(second.eventId);
    expect(await decisionOf(deriveEventId(second.eventId, Topics.MessageRequested))).toMatchObject({ action: 'send', channel: 'sms' });
  });

  it('leaves a customer alone after a conversion, for the cool-down', async () => {
    clock = new Date('2025-03-10T12:00:00Z');
    await publishResult(result('converted', { converted: true, revenueImpactCents: 5_000 }));
    await orchestrator.bus.idle();
    const scored = atRiskScore('converted');
    await orchestrator.publishScore(scored);
    await decided(scored.eventId);
    expect(await decisionOf(deriveEventId(scored.eventId, Topics.MessageRequested))).toMatchObject({ action: 'skip', reason: expect.stringContaining('post-conversion cool-down') });
  });
});
