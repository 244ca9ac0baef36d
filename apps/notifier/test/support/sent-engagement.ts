import { randomUUID } from 'node:crypto';
import type { Engagement } from '../../src/domain/engagement';

/** A mail just sent, as delivery records it: no open, click or purchase yet. */
export function aSentEngagement(overrides: Partial<Engagement> = {}): Engagement {
  return {
    messageId: randomUUID(),
    customerId: `customer-${randomUUID().slice(0, 8)}`,
    campaignId: 'win-back-10',
    campaignVersion: 3,
    variant: 'VariantA',
    channel: 'email',
    provider: 'sendgrid',
    providerMessageId: `sg-${randomUUID()}`,
    recipient: 'customer@example.com',
    status: 'sent',
    stage: 'sent',
    discountReservedCents: 500,
    sentAt: '2026-03-10T09:00:00.000Z',
    clickCount: 0,
    revenueCents: 0,
    ...overrides,
  };
}
