import { deriveEventId, newEventId } from './event-ids';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const cause = '4f8c2b1e-7d3a-4e5f-8a9b-0c1d2e3f4a5b';

describe('deriveEventId', () => {
  it('gives the same id for the same cause and purpose, so a redelivery publishes the same event id', () => {
    expect(deriveEventId(cause, 'message-requested')).toBe(deriveEventId(cause, 'message-requested'));
  });

  it('is a version-5 UUID, which every envelope accepts as an eventId', () => {
    expect(deriveEventId(cause, 'message-requested')).toMatch(UUID_V5);
  });

  it('never changes between releases: the namespace is fixed forever', () => {
    expect(deriveEventId('a', 'b')).toBe('b91356cf-b54a-508f-938b-99349a94c70f');
  });

  it.each([
    ['message-requested', 'campaign-result:sent'],
    ['campaign-result:sent', 'campaign-result:failed'],
  ])('differs for purposes %s and %s of one cause', (first, second) => {
    expect(deriveEventId(cause, first)).not.toBe(deriveEventId(cause, second));
  });

  it('differs for different causes with the same purpose', () => {
    expect(deriveEventId(cause, 'message-requested')).not.toBe(deriveEventId(newEventId(), 'message-requested'));
  });
});

describe('newEventId', () => {
  it('gives a fresh random v4 UUID each time', () => {
    const ids = new Set(Array.from({ length: 1_000 }, () => newEventId()));
    expect(ids.size).toBe(1_000);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });
});
