import { InvalidEvent } from '../invalid-event';
import { decodeCampaignResult, type CampaignResult } from './campaign-result';

const sent: CampaignResult = {
  eventId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  causationId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  occurredAt: '2025-03-01T10:00:03Z',
  customerId: 'cust-42',
  eventType: 'campaign-result',
  schemaVersion: 1,
  messageId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  campaignId: 'at-risk-win-back',
  campaignVersion: 1,
  variant: 'VariantB',
  channel: 'email',
  provider: 'sendgrid',
  status: 'sent',
  providerMessageId: 'sg-123',
  opened: false,
  clicked: false,
  converted: false,
  revenueImpactCents: 0,
  discountReservedCents: 2_400,
};

function rejectionOf(raw: unknown): InvalidEvent {
  try {
    decodeCampaignResult(raw);
  } catch (error) {
    if (error instanceof InvalidEvent) return error;
    throw error;
  }
  throw new Error('expected the event to be rejected');
}

describe('decodeCampaignResult', () => {
  it('accepts a sent result and returns it unchanged', () => {
    expect(decodeCampaignResult(sent)).toEqual(sent);
  });

  it('accepts a failed result with its reason', () => {
    const failed = { ...sent, status: 'failed', providerMessageId: undefined, failureReason: 'sendgrid rejected the message with 400: bad address' };
    expect(decodeCampaignResult(failed)).toMatchObject({ status: 'failed', failureReason: failed.failureReason });
  });

  it('accepts a negative revenue impact (a refund after the campaign)', () => {
    expect(decodeCampaignResult({ ...sent, revenueImpactCents: -1_500 }).revenueImpactCents).toBe(-1_500);
  });

  it.each([
    { field: 'messageId', patch: { messageId: 'msg-1' }, issue: 'messageId: Invalid uuid' },
    { field: 'status', patch: { status: 'bounced' }, issue: "status: Invalid enum value. Expected 'sent' | 'failed' | 'suppressed', received 'bounced'" },
    { field: 'channel', patch: { channel: 'fax' }, issue: expect.stringMatching(/^channel: Invalid enum value/) },
    { field: 'provider', patch: { provider: '' }, issue: 'provider: String must contain at least 1 character(s)' },
    { field: 'opened', patch: { opened: 'yes' }, issue: 'opened: Expected boolean, received string' },
    { field: 'discountReservedCents', patch: { discountReservedCents: -1 }, issue: 'discountReservedCents: Number must be greater than or equal to 0' },
    { field: 'revenueImpactCents', patch: { revenueImpactCents: 1.5 }, issue: 'revenueImpactCents: Expected integer, received float' },
  ])('rejects a bad $field and names it', ({ patch, issue }) => {
    expect(rejectionOf({ ...sent, ...patch }).issues).toEqual([issue]);
  });
});
