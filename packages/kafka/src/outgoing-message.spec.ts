import { decodeChurnScored, EventHeaders, Topics, type ChurnScored } from '@syncengage/contracts';
import { encodeEvent } from './outgoing-message';

const scored: ChurnScored = {
  eventId: '4f8c2b1e-7d3a-4e5f-8a9b-0c1d2e3f4a5b',
  occurredAt: '2025-03-01T10:00:01Z',
  customerId: 'cust-42',
  eventType: 'churn-scored',
  schemaVersion: 1,
  score: 0.82,
  band: 'high',
  modelVersion: 'rf-1',
  horizonDays: 30,
  rfm: { recencyDays: 61, frequency: 7, monetaryTotalCents: 84_000, tenureDays: 400 },
  profile: { email: 'ana@example.com' },
  trigger: 'purchase_made',
};

describe(encodeEvent.name, () => {
  it('keys the message by customer id, so one customer stays on one partition', () => {
    expect(encodeEvent(Topics.ChurnScored, scored, 'trace-1')).toMatchObject({ topic: 'churn-scored', key: 'cust-42' });
  });

  it('sets the trace, event type and schema version headers', () => {
    expect(encodeEvent(Topics.ChurnScored, scored, 'trace-1').headers).toEqual({
      [EventHeaders.TraceId]: 'trace-1',
      [EventHeaders.EventType]: 'churn-scored',
      [EventHeaders.SchemaVersion]: '1',
    });
  });

  it('writes JSON that decodes back to the same event', () => {
    const { value } = encodeEvent(Topics.ChurnScored, scored, 'trace-1');
    expect(decodeChurnScored(JSON.parse(value.toString('utf8')))).toEqual(scored);
  });

  it.each([
    ['a field that breaks the schema', { ...scored, score: 1.5 }, /score/],
    ['a missing field', { ...scored, rfm: undefined }, /rfm/],
    ['another topic’s event', { ...scored, eventType: 'customer-updated' }, /eventType/],
  ])('refuses to encode %s', (_, event, field) => {
    expect(() => encodeEvent(Topics.ChurnScored, event as unknown as ChurnScored, 'trace-1')).toThrow(field);
  });
});
