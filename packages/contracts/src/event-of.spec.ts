import { schemaOfTopic } from './event-of';
import { ALL_DEAD_LETTER_TOPICS, ALL_TOPICS, deadLetterTopicOf, Topics } from './topics';

const envelope = { eventId: '4f8c2b1e-7d3a-4e5f-8a9b-0c1d2e3f4a5b', occurredAt: '2025-03-01T10:00:00Z', customerId: 'cust-42' };

/** One valid event per topic; the record type makes adding a topic without an example a compile error. */
const examples: Record<(typeof ALL_TOPICS)[number], object> = {
  [Topics.CustomerUpdated]: { ...envelope, eventType: 'customer-updated', schemaVersion: 1, source: 'webhook', change: 'profile_updated' },
  [Topics.ChurnScored]: {
    ...envelope,
    eventType: 'churn-scored',
    schemaVersion: 1,
    score: 0.4,
    band: 'medium',
    modelVersion: 'm1',
    horizonDays: 30,
    rfm: { recencyDays: 3, frequency: 2, monetaryTotalCents: 1_000, tenureDays: 20 },
    profile: {},
    trigger: 'profile_updated',
  },
  [Topics.MessageRequested]: {
    ...envelope,
    eventType: 'message-requested',
    schemaVersion: 1,
    campaignId: 'new-onboarding',
    campaignVersion: 1,
    variant: 'VariantA',
    segment: 'New',
    channel: 'email',
    locale: 'en',
    recipient: { email: 'ana@example.com' },
    content: { text: 'Welcome' },
    reason: 'new',
  },
  [Topics.CampaignResult]: {
    ...envelope,
    eventType: 'campaign-result',
    schemaVersion: 1,
    messageId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    campaignId: 'new-onboarding',
    campaignVersion: 1,
    variant: 'VariantA',
    channel: 'email',
    provider: 'local-outbox',
    status: 'sent',
    opened: false,
    clicked: false,
    converted: false,
    revenueImpactCents: 0,
    discountReservedCents: 0,
  },
  [Topics.SegmentChanged]: { ...envelope, eventType: 'segment-changed', schemaVersion: 1, previousSegment: null, segment: 'New', reason: 'first order 5 days ago' },
  [Topics.DecisionRecorded]: {
    ...envelope,
    eventType: 'decision-recorded',
    schemaVersion: 1,
    scoredEventId: '0b7e9f3a-3c1e-4b7a-9d2f-6a1e2b3c4d5e',
    action: 'holdout',
    campaignId: 'new-onboarding',
    campaignVersion: 1,
    variant: 'holdout',
    segment: 'New',
    riskBand: 'medium',
    churnProbability: 0.4,
    reason: 'in the 10% holdout of new-onboarding',
    decidedAt: '2025-03-01T10:00:00Z',
  },
};

describe('schemaOfTopic', () => {
  it('has a schema for every topic and nothing else', () => {
    expect(Object.keys(schemaOfTopic).sort()).toEqual([...ALL_TOPICS].sort());
  });

  it.each(ALL_TOPICS)('accepts a valid %s event on its own topic', (topic) => {
    expect(schemaOfTopic[topic].safeParse(examples[topic]).success).toBe(true);
  });

  it.each(ALL_TOPICS.flatMap((topic) => ALL_TOPICS.filter((other) => other !== topic).map((other) => [topic, other] as const)))(
    'refuses a %s event on the %s topic',
    (eventTopic, topic) => {
      expect(schemaOfTopic[topic].safeParse(examples[eventTopic]).success).toBe(false);
    },
  );
});

describe('topics', () => {
  it('puts each dead-letter topic beside its topic', () => {
    expect(deadLetterTopicOf(Topics.ChurnScored)).toBe('churn-scored.dead-letter');
    expect(ALL_DEAD_LETTER_TOPICS).toEqual(ALL_TOPICS.map((topic) => `${topic}.dead-letter`));
  });

  it('lists each topic once', () => {
    expect(new Set(ALL_TOPICS).size).toBe(ALL_TOPICS.length);
    expect(ALL_TOPICS).toEqual(expect.arrayContaining(['customer-updated', 'churn-scored', 'message-requested', 'campaign-result']));
  });
});
