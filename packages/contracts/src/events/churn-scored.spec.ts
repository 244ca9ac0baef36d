import { InvalidEvent } from '../invalid-event';
import { decodeChurnScored, type ChurnScored } from './churn-scored';

const scored: ChurnScored = {
  eventId: '4f8c2b1e-7d3a-4e5f-8a9b-0c1d2e3f4a5b',
  causationId: '0b7e9f3a-3c1e-4b7a-9d2f-6a1e2b3c4d5e',
  occurredAt: '2025-03-01T10:00:01Z',
  customerId: 'cust-42',
  eventType: 'churn-scored',
  schemaVersion: 1,
  score: 0.82,
  band: 'high',
  modelVersion: 'rf-2025-02-28',
  horizonDays: 30,
  rfm: { recencyDays: 61.5, frequency: 7, monetaryTotalCents: 84_000, tenureDays: 400 },
  profile: { email: 'ana@example.com', locale: 'es-MX' },
  trigger: 'purchase_made',
};

function rejectionOf(raw: unknown): InvalidEvent {
  try {
    decodeChurnScored(raw);
  } catch (error) {
    if (error instanceof InvalidEvent) return error;
    throw error;
  }
  throw new Error('expected the event to be rejected');
}

describe('decodeChurnScored', () => {
  it('accepts a scored customer and returns it unchanged', () => {
    expect(decodeChurnScored(scored)).toEqual(scored);
  });

  it.each([0, 1])('accepts a score of exactly %d', (score) => {
    expect(decodeChurnScored({ ...scored, score }).score).toBe(score);
  });

  it.each([
    { field: 'score above 1', patch: { score: 1.01 }, issue: 'score: Number must be less than or equal to 1' },
    { field: 'negative score', patch: { score: -0.1 }, issue: 'score: Number must be greater than or equal to 0' },
    { field: 'band', patch: { band: 'critical' }, issue: expect.stringMatching(/^band: Invalid enum value\. Expected 'low' \| 'medium' \| 'high'/) },
    { field: 'modelVersion', patch: { modelVersion: '' }, issue: 'modelVersion: String must contain at least 1 character(s)' },
    { field: 'horizonDays', patch: { horizonDays: 0 }, issue: 'horizonDays: Number must be greater than 0' },
    { field: 'rfm.frequency', patch: { rfm: { ...scored.rfm, frequency: 2.5 } }, issue: 'rfm.frequency: Expected integer, received float' },
    { field: 'rfm.recencyDays', patch: { rfm: { ...scored.rfm, recencyDays: -1 } }, issue: 'rfm.recencyDays: Number must be greater than or equal to 0' },
    { field: 'profile.email', patch: { profile: { email: 'nope' } }, issue: 'profile.email: Invalid email' },
    { field: 'causationId', patch: { causationId: 'webhook-1' }, issue: 'causationId: Invalid uuid' },
    { field: 'schemaVersion', patch: { schemaVersion: 2 }, issue: 'schemaVersion: Invalid literal value, expected 1' },
  ])('rejects a bad $field and names it', ({ patch, issue }) => {
    expect(rejectionOf({ ...scored, ...patch }).issues).toEqual([issue]);
  });

  it.each(['rfm', 'profile', 'trigger'] as const)('rejects a score without %s', (field) => {
    const { [field]: _, ...missing } = scored;
    expect(rejectionOf(missing).issues).toEqual([`${field}: Required`]);
  });
});
