import type { ZodType } from 'zod';
import { Topics, type Topic } from './topics';
import { customerUpdatedSchema, type CustomerUpdated } from './events/customer-updated';
import { churnScoredSchema, type ChurnScored } from './events/churn-scored';
import { messageRequestedSchema, type MessageRequested } from './events/message-requested';
import { campaignResultSchema, type CampaignResult } from './events/campaign-result';
import { segmentChangedSchema, type SegmentChanged } from './events/segment-changed';
import { decisionRecordedSchema, type DecisionRecorded } from './events/decision-recorded';

/** The event type each topic carries: a publisher cannot put the wrong shape on a topic. */
export interface EventByTopic {
  [Topics.CustomerUpdated]: CustomerUpdated;
  [Topics.ChurnScored]: ChurnScored;
  [Topics.MessageRequested]: MessageRequested;
  [Topics.CampaignResult]: CampaignResult;
  [Topics.SegmentChanged]: SegmentChanged;
  [Topics.DecisionRecorded]: DecisionRecorded;
}

export type EventOf<T extends Topic> = EventByTopic[T];

export const schemaOfTopic: { [T in Topic]: ZodType<EventOf<T>, any, any> } = {
  [Topics.CustomerUpdated]: customerUpdatedSchema,
  [Topics.ChurnScored]: churnScoredSchema,
  [Topics.MessageRequested]: messageRequestedSchema,
  [Topics.CampaignResult]: campaignResultSchema,
  [Topics.SegmentChanged]: segmentChangedSchema,
  [Topics.DecisionRecorded]: decisionRecordedSchema,
};
