import { blockedChannels, isInConversionCooldown, parseFrequencyCaps, parseQuietHours, quietHoursReleaseAt, type GuardRailPolicy } from './guard-rails';

const DAY = 86_400_000;
const policy: GuardRailPolicy = {
  frequencyCaps: parseFrequencyCaps('email:2/7d,sms:1/24h', ['email', 'sms']).caps,
  conversionCooldownMs: 30 * DAY,
  quietHours: parseQuietHours('21:00-08:00').quietHours,
};
const now = new Date('2025-03-01T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('quiet hours in the customer’s time zone', () => {
  it.each([
    { case: 'midday in Madrid', at: '2025-03-01T12:00:00Z', zone: 'Europe/Madrid', release: undefined },
    { case: '22:30 in Madrid', at: '2025-03-01T21:30:00Z', zone: 'Europe/Madrid', release: '2025-03-02T07:00:00.000Z' },
    { case: '03:15 in Madrid', at: '2025-03-02T02:15:00Z', zone: 'Europe/Madrid', release: '2025-03-02T07:00:00.000Z' },
    { case: 'exactly 08:00 in Madrid', at: '2025-03-02T07:00:00Z', zone: 'Europe/Madrid', release: undefined },
    { case: 'midday UTC, which is night in Tokyo', at: '2025-03-01T13:00:00Z', zone: 'Asia/Tokyo', release: '2025-03-01T23:00:00.000Z' },
    { case: 'a customer without a time zone', at: '2025-03-01T23:00:00Z', zone: undefined, release: undefined },
    { case: 'a customer with a time zone we cannot read', at: '2025-03-01T23:00:00Z', zone: 'Mars/Base', release: undefined },
  ])('$case → released at $release', ({ at, zone, release }) => {
    expect(quietHoursReleaseAt(new Date(at), zone, policy)?.toISOString()).toBe(release);
  });

  it('uses the fallback zone for customers without one, when configured', () => {
    expect(quietHoursReleaseAt(new Date('2025-03-01T23:00:00Z'), undefined, { ...policy, quietHoursFallbackTimeZone: 'UTC' })?.toISOString()).toBe('2025-03-02T08:00:00.000Z');
  });

  it('holds nothing when quiet hours are off', () => {
    expect(quietHoursReleaseAt(new Date('2025-03-01T23:00:00Z'), 'UTC', { ...policy, quietHours: undefined })).toBeUndefined();
  });
});

describe(blockedChannels.name, () => {
  it.each([
    { case: 'no history', sends: [], blocked: {} },
    { case: 'one email this week', sends: [{ channel: 'email' as const, at: ago(DAY) }], blocked: {} },
    { case: 'two emails this week', sends: [{ channel: 'email' as const, at: ago(DAY) }, { channel: 'email' as const, at: ago(6 * DAY) }], blocked: { email: 'email at its frequency cap (2 sent, cap email:2/7d)' } },
    { case: 'two emails, one older than the window', sends: [{ channel: 'email' as const, at: ago(DAY) }, { channel: 'email' as const, at: ago(8 * DAY) }], blocked: {} },
    { case: 'an SMS an hour ago', sends: [{ channel: 'sms' as const, at: ago(3_600_000) }], blocked: { sms: 'sms at its frequency cap (1 sent, cap sms:1/24h)' } },
  ])('$case', ({ sends, blocked }) => {
    expect(blockedChannels({ recentSends: sends, suppressions: [] }, now, policy)).toEqual(blocked);
  });

  it('blocks a suppressed channel whatever the caps say', () => {
    expect(blockedChannels({ recentSends: [], suppressions: [{ channel: 'sms', reason: 'stop' }] }, now, policy)).toEqual({ sms: 'sms suppressed (stop)' });
  });
});

describe(isInConversionCooldown.name, () => {
  it.each([
    { convertedDaysAgo: undefined, cooling: false },
    { convertedDaysAgo: 2, cooling: true },
    { convertedDaysAgo: 31, cooling: false },
  ])('converted $convertedDaysAgo days ago → cooling $cooling', ({ convertedDaysAgo, cooling }) => {
    const history = { recentSends: [], suppressions: [], lastConvertedAt: convertedDaysAgo === undefined ? undefined : ago(convertedDaysAgo * DAY) };
    expect(isInConversionCooldown(history, now, policy)).toBe(cooling);
  });
});

describe('parsing the guard-rail settings', () => {
  it('reads caps in hours and days and reports each bad entry', () => {
    const { caps, problems } = parseFrequencyCaps('email:3/12h, push:1/1d, sms:0/7d, sms:1/7w', ['email', 'sms']);
    expect(caps).toEqual([{ channel: 'email', maxSends: 3, windowMs: 12 * 3_600_000, label: 'email:3/12h' }]);
    expect(problems).toHaveLength(3);
  });

  it.each(['25:00-08:00', '21-08', ''])('refuses quiet hours "%s"', (text) => {
    expect(parseQuietHours(text).problem).toMatch(/is not HH:MM-HH:MM/);
  });
});
