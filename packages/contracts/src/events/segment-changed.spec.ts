import { InvalidEvent } from '../invalid-event';
import { decodeSegmentChanged, type SegmentChanged } from './segment-changed';

const changed: SegmentChanged = {
  eventId: '4f8c2b1e-7d3a-4e5f-8a9b-0c1d2e3f4a5b',
  causationId: '0b7e9f3a-3c1e-4b7a-9d2f-6a1e2b3c4d5e',
  occurredAt: '2025-03-01T10:00:01Z',
  customerId: 'cust-42',
  eventType: 'segment-changed',
  schemaVersion: 1,
  previousSegment: 'New',
  segment: 'At-Risk',
  reason: 'churn risk band is high',
};

function rejectionOf(raw: unknown): InvalidEvent {
  try {
    decodeSegmentChanged(raw);
  } catch (error) {
    if (error instanceof InvalidEvent) return error;
    throw error;
  }
  throw new Error('expected the event to be rejected');
}

describe('decodeSegmentChanged', () => {
  it('accepts a change between segments, and into or out of none', () => {
    expect(decodeSegmentChanged(changed)).toEqual(changed);
    expect(decodeSegmentChanged({ ...changed, previousSegment: null }).previousSegment).toBeNull();
    expect(decodeSegmentChanged({ ...changed, segment: null }).segment).toBeNull();
  });

  it.each([
    { field: 'an unknown segment', patch: { segment: 'Gold' }, path: 'segment' },
    { field: 'a missing previous segment', patch: { previousSegment: undefined }, path: 'previousSegment' },
    { field: 'an empty reason', patch: { reason: '' }, path: 'reason' },
  ])('rejects $field and names the field', ({ patch, path }) => {
    expect(rejectionOf({ ...changed, ...patch }).message).toContain(path);
  });
});
