import { CAMPAIGN_RESULT_SCHEMA_VERSION, deriveEventId, Topics, type CampaignResult, type ResultStage, type Suppression } from '@syncengage/contracts';
import type { Engagement } from '../domain/engagement';

export interface ResultReport {
  stage: ResultStage;
  suppression?: Suppression;
  /** Steps that can happen again (unsubscribe, resubscribe) get an id per fact; the rest one id per stage. */
  repeatable: boolean;
}

/**
 * The cumulative campaign-result for a message at one stage. Its id depends only on the message and the stage
 * (or the fact, for repeatable steps), so a result published twice after a crash is the same event.
 */
export function engagementResult(engagement: Engagement, report: ResultReport, factId: string, now: Date): CampaignResult {
  const purpose = report.repeatable ? `${Topics.CampaignResult}:${report.stage}:${factId}` : `${Topics.CampaignResult}:${report.stage}`;
  return {
    eventId: deriveEventId(engagement.messageId, purpose),
    causationId: engagement.messageId,
    eventType: 'campaign-result',
    schemaVersion: CAMPAIGN_RESULT_SCHEMA_VERSION,
    occurredAt: now.toISOString(),
    customerId: engagement.customerId,
    messageId: engagement.messageId,
    campaignId: engagement.campaignId,
    campaignVersion: engagement.campaignVersion,
    variant: engagement.variant,
    channel: engagement.channel,
    provider: engagement.provider,
    status: engagement.status,
    providerMessageId: engagement.providerMessageId,
    failureReason: engagement.failureReason,
    opened: Boolean(engagement.openedAt),
    clicked: Boolean(engagement.clickedAt),
    converted: Boolean(engagement.convertedAt),
    revenueImpactCents: engagement.revenueCents,
    discountReservedCents: engagement.discountReservedCents,
    stage: report.stage,
    sentAt: engagement.sentAt,
    deliveredAt: engagement.deliveredAt,
    openedAt: engagement.openedAt,
    clickedAt: engagement.clickedAt,
    convertedAt: engagement.convertedAt,
    ...(report.suppression ? { suppression: report.suppression } : {}),
  };
}
