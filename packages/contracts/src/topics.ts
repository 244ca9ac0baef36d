/** Every Kafka topic the services share. Services never name a topic as a string literal of their own. */
export const Topics = {
  CustomerUpdated: 'customer-updated',
  ChurnScored: 'churn-scored',
  MessageRequested: 'message-requested',
  CampaignResult: 'campaign-result',
  SegmentChanged: 'segment-changed',
  DecisionRecorded: 'decision-recorded',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);

/** Dead letters live beside their topic so a platform team can replay one stream without touching the others. */
export const deadLetterTopicOf = (topic: string): string => `${topic}.dead-letter`;

export const ALL_DEAD_LETTER_TOPICS: readonly string[] = ALL_TOPICS.map(deadLetterTopicOf);
