import { Topics, type CampaignResult, type ChurnScored, type CustomerUpdated, type DecisionRecorded, type EventOf, type MessageRequested, type SegmentChanged, type Topic } from '@syncengage/contracts';

/**
 * One recorded event: the payload whole (jsonb) plus the columns the queries filter and group on. Columns that do
 * not apply to an event's type are null, so the table stays one wide, append-only fact table that a columnar store
 * (ClickHouse, DuckDB over Parquet) could take as is.
 */
export interface AnalyticsRow {
  eventId: string;
  topic: Topic;
  occurredAt: string;
  customerId: string;
  campaignId: string | null;
  campaignVersion: number | null;
  variant: string | null;
  segment: string | null;
  channel: string | null;
  locale: string | null;
  messageId: string | null;
  /** campaign-result: the stage reported (the delivery status for results without one); customer-updated: the change. */
  stage: string | null;
  score: number | null;
  band: string | null;
  modelVersion: string | null;
  /** Purchase amount (customer-updated) or attributed revenue (campaign-result), in cents. */
  amountCents: number | null;
  /** Discount reserved for the message (message-requested, campaign-result), in cents. */
  discountCents: number | null;
  payload: unknown;
}

type Columns = Omit<AnalyticsRow, 'eventId' | 'topic' | 'occurredAt' | 'customerId' | 'payload'>;

const EMPTY: Columns = {
  campaignId: null,
  campaignVersion: null,
  variant: null,
  segment: null,
  channel: null,
  locale: null,
  messageId: null,
  stage: null,
  score: null,
  band: null,
  modelVersion: null,
  amountCents: null,
  discountCents: null,
};

export function toAnalyticsRow<T extends Topic>(topic: T, event: EventOf<T>): AnalyticsRow {
  return {
    eventId: event.eventId,
    topic,
    occurredAt: event.occurredAt,
    customerId: event.customerId,
    ...EMPTY,
    ...columnsOf(topic, event),
    payload: event,
  };
}

function columnsOf(topic: Topic, event: EventOf<Topic>): Partial<Columns> {
  switch (topic) {
    case Topics.CustomerUpdated: {
      const update = event as CustomerUpdated;
      const signed = update.change === 'purchase_refunded' ? -1 : 1;
      return { stage: update.change, locale: update.profile.locale ?? null, amountCents: update.purchase ? signed * update.purchase.amountCents : null };
    }
    case Topics.ChurnScored: {
      const scored = event as ChurnScored;
      return { score: scored.score, band: scored.band, modelVersion: scored.modelVersion, locale: scored.profile.locale ?? null };
    }
    case Topics.MessageRequested: {
      const message = event as MessageRequested;
      return {
        campaignId: message.campaignId,
        campaignVersion: message.campaignVersion,
        variant: message.variant,
        segment: message.segment,
        channel: message.channel,
        locale: message.locale,
        messageId: message.eventId,
        stage: 'requested',
        discountCents: message.discount?.reservedCents ?? 0,
      };
    }
    case Topics.CampaignResult: {
      const result = event as CampaignResult;
      return {
        campaignId: result.campaignId,
        campaignVersion: result.campaignVersion,
        variant: result.variant,
        channel: result.channel,
        messageId: result.messageId,
        stage: result.stage ?? result.status,
        amountCents: result.revenueImpactCents,
        discountCents: result.discountReservedCents,
      };
    }
    case Topics.SegmentChanged: {
      // The previous segment stays in the payload (payload->>'previousSegment'): only transitions read it.
      return { segment: (event as SegmentChanged).segment };
    }
    case Topics.DecisionRecorded: {
      // stage is the action (send, holdout, skip); the variant of a holdout is the holdout's name.
      const decision = event as DecisionRecorded;
      return {
        campaignId: decision.campaignId ?? null,
        campaignVersion: decision.campaignVersion ?? null,
        variant: decision.variant ?? null,
        segment: decision.segment ?? null,
        channel: decision.channel ?? null,
        messageId: decision.messageId ?? null,
        stage: decision.action,
        score: decision.churnProbability,
        band: decision.riskBand,
      };
    }
    default:
      return {};
  }
}
