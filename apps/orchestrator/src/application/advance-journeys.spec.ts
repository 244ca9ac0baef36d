import { deriveEventId, Topics, type CampaignResult, type MessageRequested } from '@syncengage/contracts';
import { DEFAULT_CAMPAIGNS } from '../adapters/files/default-campaigns';
import type { Decision } from '../domain/decide-campaign';
import { NO_HISTORY } from '../domain/guard-rails';
import { journeyOf } from '../domain/journey-definition';
import { InMemoryCampaignCatalog } from '../../test/support/in-memory-campaign-catalog';
import { newCustomerScore } from '../../test/support/scores';
import { AdvanceJourneys } from './advance-journeys';
import { EnrollJourney, journeyInstanceIdOf } from './enroll-journey';
import type { AdvanceJourney, DecideInJourney, JourneyInstance, JourneyStore, SentDecision } from './journey-ports';
import { SendJourneyStep } from './send-journey-step';

/** The journey store port in a Map, with the ledger's one-decision-per-cause rule behind its `decide`. */
class InMemoryJourneys implements JourneyStore {
  readonly instances = new Map<string, JourneyInstance>();
  readonly sent = new Map<string, SentDecision>();
  readonly decisions = new Map<string, Decision>();
  readonly published: MessageRequested[] = [];

  private readonly decide: DecideInJourney = async (request, decide, toMessage) => {
    if (this.decisions.has(request.scoredEventId)) return { duplicate: true };
    const decision = decide(NO_HISTORY);
    this.decisions.set(request.scoredEventId, decision);
    if (decision.action === 'send') this.published.push(toMessage(decision));
    return { duplicate: false, decision, budgetDenied: false };
  };

  async sentDecision(messageId: string) {
    return this.sent.get(messageId);
  }
  async enroll(instance: JourneyInstance) {
    if ([...this.instances.values()].some((other) => other.customerId === instance.customerId && other.campaignId === instance.campaignId)) return false;
    this.instances.set(instance.instanceId, instance);
    return true;
  }
  async enrolledCampaignIds(customerId: string) {
    return [...this.instances.values()].filter((instance) => instance.customerId === customerId).map((instance) => instance.campaignId);
  }
  async fireDue(now: Date, limit: number, advance: AdvanceJourney) {
    const due = [...this.instances.values()].filter((instance) => instance.state.status === 'active' && instance.state.dueAt && new Date(instance.state.dueAt) <= now).slice(0, limit);
    for (const instance of due) this.instances.set(instance.instanceId, { ...instance, state: (await advance(instance, this.decide)).state });
    return due.length;
  }
  async withActive(customerId: string, campaignId: string, _now: Date, advance: AdvanceJourney) {
    const instance = [...this.instances.values()].find((candidate) => candidate.customerId === customerId && candidate.campaignId === campaignId && candidate.state.status === 'active');
    if (!instance) return false;
    this.instances.set(instance.instanceId, { ...instance, state: (await advance(instance, this.decide)).state });
    return true;
  }
}

const onboarding = DEFAULT_CAMPAIGNS.find((campaign) => campaign.id === 'new-onboarding')!;
const T0 = new Date('2026-03-02T10:00:00Z');
const scored = newCustomerScore('customer-1', {
  eventId: deriveEventId('customer-1', 'score'),
  occurredAt: T0.toISOString(),
  profile: { email: 'ana@example.com', firstName: 'Ana', locale: 'fr' },
});
const welcomeId = deriveEventId(scored.eventId, Topics.MessageRequested);

describe('journeys as use cases', () => {
  let clock: Date;
  let store: InMemoryJourneys;
  let journeys: AdvanceJourneys;
  let enroll: EnrollJourney;

  beforeEach(() => {
    clock = T0;
    store = new InMemoryJourneys();
    store.sent.set(welcomeId, { campaignId: onboarding.id, campaignVersion: onboarding.version, segment: 'New', variant: 'VariantA' });
    const channelPolicy = { smsEnabled: false, smsMinBand: 'high' as const, smsMinSpendCents: 0 };
    journeys = new AdvanceJourneys(store, new SendJourneyStep({ channelPolicy, historyWindowMs: 0 }, { dailyCapCents: 10_000, timeZone: 'UTC' }), () => clock);
    enroll = new EnrollJourney(store, new InMemoryCampaignCatalog(DEFAULT_CAMPAIGNS));
  });

  const result = (stage: 'opened' | 'converted'): CampaignResult => ({
    eventId: deriveEventId(welcomeId, stage),
    occurredAt: clock.toISOString(),
    customerId: scored.customerId,
    eventType: 'campaign-result',
    schemaVersion: 1,
    messageId: welcomeId,
    campaignId: onboarding.id,
    campaignVersion: onboarding.version,
    variant: 'VariantA',
    channel: 'email',
    provider: 'sendgrid',
    status: 'sent',
    stage,
    opened: true,
    clicked: false,
    converted: stage === 'converted',
    revenueImpactCents: 0,
    discountReservedCents: 0,
  });

  it('enrolls a customer once, after the welcome was decided, and their journey campaign decides nothing more', async () => {
    expect(journeyOf(onboarding)).toBeDefined();
    expect(await enroll.execute(scored, welcomeId, clock)).toBe(true);
    expect(await enroll.execute(scored, welcomeId, clock)).toBe(false);
    expect(store.instances.get(journeyInstanceIdOf(welcomeId))?.state).toMatchObject({ status: 'active', lastMessageId: welcomeId });
    const left = await enroll.campaignsFor(scored.customerId, DEFAULT_CAMPAIGNS);
    expect(left.map((campaign) => campaign.id)).not.toContain('new-onboarding');
    expect(await enroll.campaignsFor('someone-else', DEFAULT_CAMPAIGNS)).toBe(DEFAULT_CAMPAIGNS);
  });

  it('enrolls nobody when the decision sent nothing', async () => {
    expect(await enroll.execute(scored, deriveEventId('no-decision', Topics.MessageRequested), clock)).toBe(false);
    expect(store.instances.size).toBe(0);
  });

  it('sends the tips three days after an opened welcome, in the customer’s language, once', async () => {
    await enroll.execute(scored, welcomeId, clock);
    await journeys.fireDue();
    await journeys.onResult(result('opened'));
    await journeys.onResult(result('opened')); // the same stage redelivered
    clock = new Date(T0.getTime() + 3 * 86_400_000);
    expect(await journeys.fireDue()).toBe(1);
    expect(await journeys.fireDue()).toBe(0);
    expect(store.published.map((message) => [message.content.subject, message.locale, message.causationId])).toEqual([
      ['Trois conseils pour votre première commande', 'fr', deriveEventId(journeyInstanceIdOf(welcomeId), 'journey-send:1')],
    ]);
  });

  it('exits on a conversion before the three days are up', async () => {
    await enroll.execute(scored, welcomeId, clock);
    await journeys.fireDue();
    await journeys.onResult(result('converted'));
    clock = new Date(T0.getTime() + 4 * 86_400_000);
    expect(await journeys.fireDue()).toBe(0);
    expect(store.published).toEqual([]);
    expect(store.instances.get(journeyInstanceIdOf(welcomeId))?.state).toMatchObject({ status: 'exited', exitReason: 'converted' });
  });
});
