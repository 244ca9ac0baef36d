import { randomUUID } from 'node:crypto';
import type { CampaignResult } from '@syncengage/contracts';

/** Which message a campaign-result is about. */
export type ResultOf = Pick<CampaignResult, 'customerId' | 'messageId' | 'campaignId' | 'campaignVersion' | 'variant'>;

/** A campaign-result saying `message` was sent by email and nothing more; override what a test needs. */
export function campaignResult(message: ResultOf, overrides: Partial<CampaignResult> = {}): CampaignResult {
  return {
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    eventType: 'campaign-result',
    schemaVersion: 1,
    ...message,
    channel: 'email',
    provider: 'local-outbox',
    status: 'sent',
    opened: false,
    clicked: false,
    converted: false,
    revenueImpactCents: 0,
    discountReservedCents: 0,
    ...overrides,
  };
}
