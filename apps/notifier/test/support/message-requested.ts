import { randomUUID } from 'node:crypto';
import { decodeMessageRequested, type MessageRequested } from '@syncengage/contracts';

/** A valid message-requested (decoded with the contract, so a fixture can never drift from it). */
export function aMessageRequested(overrides: Partial<MessageRequested> = {}): MessageRequested {
  return decodeMessageRequested({
    eventId: randomUUID(),
    occurredAt: '2026-01-15T10:00:00.000Z',
    customerId: 'customer-42',
    eventType: 'message-requested',
    schemaVersion: 1,
    campaignId: 'win-back-10',
    campaignVersion: 3,
    variant: 'VariantA',
    segment: 'At-Risk',
    channel: 'email',
    locale: 'en',
    recipient: { email: 'customer@example.com', phone: '+15558675310' },
    content: { subject: 'We miss you', text: 'Come back for 10% off', html: '<p>Come back for 10% off</p>' },
    reason: 'at-risk customer, email preferred',
    ...overrides,
  });
}
