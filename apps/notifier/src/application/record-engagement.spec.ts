import { deriveEventId, type CampaignResult } from '@syncengage/contracts';
import { RecordingPublisher } from '../../test/support/recording-publisher';
import type { EngagedMessage } from '../domain/attribution';
import type { Engagement, EngagementFact } from '../domain/engagement';
import type { AppliedFact, EngagementStore } from './ports';
import { RecordEngagement } from './record-engagement';
import { ReportInboxReads } from './report-inbox-reads';

/** The engagement store in memory: rows by message id, facts by fact id with their unpublished result. */
class InMemoryEngagementStore implements EngagementStore {
  readonly rows = new Map<string, Engagement>();
  readonly facts = new Map<string, { result?: CampaignResult; published: boolean }>();

  async open(engagement: Engagement): Promise<void> {
    if (!this.rows.has(engagement.messageId)) this.rows.set(engagement.messageId, engagement);
  }
  async apply(fact: EngagementFact, decide: (current: Engagement) => { engagement: Engagement; result?: CampaignResult }): Promise<AppliedFact> {
    const current = this.rows.get(fact.messageId);
    if (!current) return { state: 'unknown-message' };
    const seen = this.facts.get(fact.factId);
    if (seen) return { state: 'duplicate', engagement: current, pending: seen.published ? undefined : seen.result };
    const decision = decide(current);
    this.rows.set(fact.messageId, decision.engagement);
    this.facts.set(fact.factId, { result: decision.result, published: !decision.result });
    return { state: 'applied', engagement: decision.engagement, pending: decision.result };
  }
  async markPublished(factId: string): Promise<void> {
    this.facts.get(factId)!.published = true;
  }
  async messageIdForProviderMessage(): Promise<undefined> {}
  async latestMessageTo(): Promise<undefined> {}
  async engagedBetween(): Promise<EngagedMessage[]> {
    return [];
  }
}

const sent: Engagement = {
  messageId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  customerId: 'cust-42',
  campaignId: 'at-risk-win-back',
  campaignVersion: 1,
  variant: 'VariantB',
  channel: 'email',
  provider: 'sendgrid',
  providerMessageId: 'sg-1',
  status: 'sent',
  stage: 'sent',
  discountReservedCents: 2_400,
  sentAt: '2025-03-01T10:00:05.000Z',
  clickCount: 0,
  revenueCents: 0,
};
const now = new Date('2025-03-02T08:00:00.000Z');

function setUp() {
  const store = new InMemoryEngagementStore();
  const publisher = new RecordingPublisher();
  store.rows.set(sent.messageId, sent);
  return { store, publisher, record: new RecordEngagement(store, publisher, () => now) };
}

describe('RecordEngagement', () => {
  it('publishes the cumulative result of a first open, with an id derived from the message and the stage', async () => {
    const { record, publisher } = setUp();
    const outcome = await record.execute({ factId: 'sendgrid:o1', messageId: sent.messageId, at: '2025-03-01T11:00:00.000Z', kind: 'opened' }, 'trace-1');

    expect(outcome.state).toBe('recorded');
    expect(publisher.results()).toEqual([
      {
        eventId: deriveEventId(sent.messageId, 'campaign-result:opened'),
        causationId: sent.messageId,
        eventType: 'campaign-result',
        schemaVersion: 1,
        occurredAt: now.toISOString(),
        customerId: 'cust-42',
        messageId: sent.messageId,
        campaignId: 'at-risk-win-back',
        campaignVersion: 1,
        variant: 'VariantB',
        channel: 'email',
        provider: 'sendgrid',
        status: 'sent',
        providerMessageId: 'sg-1',
        opened: true,
        clicked: false,
        converted: false,
        revenueImpactCents: 0,
        discountReservedCents: 2_400,
        stage: 'opened',
        sentAt: '2025-03-01T10:00:05.000Z',
        openedAt: '2025-03-01T11:00:00.000Z',
      },
    ]);
  });

  it('publishes nothing for a fact seen before, nor for one that adds nothing new', async () => {
    const { record, publisher } = setUp();
    const open = { factId: 'sendgrid:o1', messageId: sent.messageId, at: '2025-03-01T11:00:00.000Z', kind: 'opened' } as const;
    await record.execute(open, 't');

    expect(await record.execute(open, 't')).toEqual({ state: 'duplicate' });
    expect(await record.execute({ ...open, factId: 'sendgrid:o2' }, 't')).toEqual({ state: 'recorded', result: undefined });
    expect(publisher.results()).toHaveLength(1);
  });

  it('gives each unsubscribe its own id, so stopping twice is reported twice', async () => {
    const { record, publisher } = setUp();
    const stop = (factId: string): EngagementFact => ({ factId, messageId: sent.messageId, at: '2025-03-01T12:00:00.000Z', kind: 'unsubscribed', suppression: { channel: 'sms', reason: 'stop' } });
    await record.execute(stop('twilio-inbound:SM1'), 't');
    await record.execute(stop('twilio-inbound:SM2'), 't');

    expect(publisher.results().map((result) => result.eventId)).toEqual([
      deriveEventId(sent.messageId, 'campaign-result:unsubscribed:twilio-inbound:SM1'),
      deriveEventId(sent.messageId, 'campaign-result:unsubscribed:twilio-inbound:SM2'),
    ]);
  });

  it('records nothing about a message it never sent', async () => {
    const { record, publisher } = setUp();
    const outcome = await record.execute({ factId: 'sendgrid:x', messageId: '00000000-0000-4000-8000-000000000000', at: now.toISOString(), kind: 'delivered' }, 't');
    expect(outcome).toEqual({ state: 'unknown-message' });
    expect(publisher.messages).toHaveLength(0);
  });

  it('reports the first read of an in-app message as its open', async () => {
    const { store, record, publisher } = setUp();
    store.rows.set(sent.messageId, { ...sent, channel: 'in_app', provider: 'in-app' });
    const reads = new ReportInboxReads(record, () => 'trace-read');
    await reads.messageRead({ messageId: sent.messageId, customerId: 'cust-42', readAt: '2025-03-01T13:00:00.000Z' });
    expect(publisher.results()).toEqual([expect.objectContaining({ channel: 'in_app', stage: 'opened', opened: true, openedAt: '2025-03-01T13:00:00.000Z' })]);
  });
});
