import { attributedMessage, type EngagedMessage } from './attribution';

const engaged = (messageId: string, engagedAt: string): EngagedMessage => ({ messageId, engagedAt });

describe(attributedMessage.name, () => {
  const orderedAt = '2026-03-10T12:00:00.000Z';

  it.each([
    { name: 'an open an hour before the order', candidates: [engaged('a', '2026-03-10T11:00:00.000Z')], expected: 'a' },
    { name: 'an open exactly 72 hours before', candidates: [engaged('a', '2026-03-07T12:00:00.000Z')], expected: 'a' },
    { name: 'an open 72 hours and a second before', candidates: [engaged('a', '2026-03-07T11:59:59.000Z')], expected: undefined },
    { name: 'a click after the order', candidates: [engaged('a', '2026-03-10T12:00:01.000Z')], expected: undefined },
    {
      name: 'two messages: the most recently engaged wins',
      candidates: [engaged('older', '2026-03-09T09:00:00.000Z'), engaged('newer', '2026-03-10T09:00:00.000Z'), engaged('late', '2026-03-11T00:00:00.000Z')],
      expected: 'newer',
    },
    { name: 'nothing engaged', candidates: [], expected: undefined },
  ])('with a 72-hour window: $name → $expected', ({ candidates, expected }) => {
    expect(attributedMessage(candidates, orderedAt, 72)?.messageId).toBe(expected);
  });

  it('honours a shorter window', () => {
    expect(attributedMessage([engaged('a', '2026-03-10T09:00:00.000Z')], orderedAt, 2)).toBeUndefined();
  });
});
