import { InvalidEvent } from '../invalid-event';
import { decodeDecisionRecorded, type DecisionRecorded } from './decision-recorded';

const sent: DecisionRecorded = {
  eventId: '4f8c2b1e-7d3a-4e5f-8a9b-0c1d2e3f4a5b',
  causationId: '0b7e9f3a-3c1e-4b7a-9d2f-6a1e2b3c4d5e',
  occurredAt: '2025-03-01T10:00:01Z',
  customerId: 'cust-42',
  eventType: 'decision-recorded',
  schemaVersion: 1,
  scoredEventId: '0b7e9f3a-3c1e-4b7a-9d2f-6a1e2b3c4d5e',
  action: 'send',
  campaignId: 'at-risk-winback',
  campaignVersion: 2,
  variant: 'VariantA',
  segment: 'At-Risk',
  riskBand: 'high',
  churnProbability: 0.82,
  messageId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  discountPercent: 15,
  channel: 'email',
  reason: 'churn risk band is high; at-risk-winback VariantA',
  decidedAt: '2025-03-01T10:00:01Z',
};

const { messageId: _m, discountPercent: _d, channel: _c, ...heldOut } = { ...sent, action: 'holdout' as const, variant: 'holdout', reason: 'in the 10% holdout' };

function rejectionOf(raw: unknown): InvalidEvent {
  try {
    decodeDecisionRecorded(raw);
  } catch (error) {
    if (error instanceof InvalidEvent) return error;
    throw error;
  }
  throw new Error('expected the event to be rejected');
}

describe('decodeDecisionRecorded', () => {
  it('accepts a send, a holdout and a skip in no segment', () => {
    expect(decodeDecisionRecorded(sent)).toEqual(sent);
    expect(decodeDecisionRecorded(heldOut).action).toBe('holdout');
    const skipped = { ...sent, action: 'skip', reason: 'no segment', campaignId: undefined, campaignVersion: undefined, variant: undefined, segment: undefined, messageId: undefined, discountPercent: undefined, channel: undefined };
    expect(decodeDecisionRecorded(skipped).segment).toBeUndefined();
  });

  it("accepts a journey's follow-up, which has a journey step instead of a score", () => {
    const followUp = { ...sent, scoredEventId: undefined, churnProbability: undefined, journey: { instanceId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', ordinal: 1 } };
    expect(decodeDecisionRecorded(followUp).journey).toEqual({ instanceId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', ordinal: 1 });
    expect(rejectionOf({ ...followUp, scoredEventId: sent.scoredEventId }).message).toContain('exactly one of scoredEventId and journey');
    expect(rejectionOf({ ...followUp, journey: undefined }).message).toContain('scoredEventId');
  });

  it.each([
    { field: 'a send without its message id', patch: { messageId: undefined }, path: 'messageId' },
    { field: 'a send without its channel', patch: { channel: undefined }, path: 'channel' },
    { field: 'a holdout without its campaign', patch: { action: 'holdout', campaignId: undefined }, path: 'campaignId' },
    { field: 'an unknown action', patch: { action: 'maybe' }, path: 'action' },
    { field: 'an empty reason', patch: { reason: '' }, path: 'reason' },
    { field: 'a probability above one', patch: { churnProbability: 1.2 }, path: 'churnProbability' },
  ])('rejects $field and names the field', ({ patch, path }) => {
    expect(rejectionOf({ ...sent, ...patch }).message).toContain(path);
  });
});
