import { dayOf, daysFromCivil, daysOfFile, formatDay, hasOffset, InvalidTimestamp, parseDay } from './calendar-day';

const day = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

describe('calendar days', () => {
  it.each([
    { timestamp: '1997-01-01', date: '1997-01-01' },
    { timestamp: '2010-12-01T08:26:00', date: '2010-12-01' },
    { timestamp: '2010-12-01 23:59:59', date: '2010-12-01' },
    { timestamp: '2010-12-01T23:30:00Z', date: '2010-12-01' },
    { timestamp: '2010-12-01T23:30:00-01:00', date: '2010-12-02' },
    { timestamp: '2010-12-01T00:30:00+01:00', date: '2010-11-30' },
    { timestamp: '2010-12-01T00:30:00+0100', date: '2010-11-30' },
    { timestamp: '2010-12-01T00:30:00+01', date: '2010-11-30' },
    { timestamp: '2011-01-01T05:00:00.123+05:30', date: '2010-12-31' },
    { timestamp: '2012-02-29T12:00:00', date: '2012-02-29' },
  ])('$timestamp falls on $date', ({ timestamp, date }) => {
    expect(dayOf(timestamp)).toBe(day(date));
  });

  it('keeps the written date of a timestamp without offset, whatever the local time zone', () => {
    expect(formatDay(dayOf('2010-12-01T23:59:00'))).toBe('2010-12-01');
  });

  it.each(['2011-02-29', '2010-13-01', '2010-12-01T25:00:00', '12/01/2010', '', '2010-12-01T08:26:00 PST'])('rejects "%s"', (timestamp) => {
    expect(() => dayOf(timestamp)).toThrow(InvalidTimestamp);
  });

  it('agrees with the calendar for centuries of dates', () => {
    for (let d = -50_000; d < 50_000; d += 37) expect(parseDay(formatDay(d))).toBe(d);
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(11_017);
  });

  it('reads a file with some offsets as the protocol does: offset rows in UTC, the rest as written', () => {
    const timestamps = ['2010-12-01T23:30:00', '2010-12-01T23:30:00-02:00', '2010-12-02'];
    expect(timestamps.some(hasOffset)).toBe(true);
    expect(daysOfFile(timestamps).map(formatDay)).toEqual(['2010-12-01', '2010-12-02', '2010-12-02']);
  });
});
