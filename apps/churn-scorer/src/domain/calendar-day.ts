/**
 * Calendar days as integers (days since 1970-01-01), the unit of the whole churn protocol: orders, cutoffs
 * and horizons are all whole days. Parsing is done by hand rather than with Date so that a timestamp without
 * an offset keeps the date as written, whatever the machine's time zone.
 */

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

export class InvalidTimestamp extends Error {
  readonly code = 'INVALID_TIMESTAMP';
  constructor(readonly timestamp: string, reason: string) {
    super(`invalid timestamp "${timestamp}": ${reason}`);
  }
}

/** Days since the epoch of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, dayOfMonth: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + dayOfMonth - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Day number of a `YYYY-MM-DD` date; throws InvalidTimestamp for anything else. */
export function parseDay(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new InvalidTimestamp(date, 'expected YYYY-MM-DD');
  return dayOf(date);
}

/**
 * The protocol's calendar day of one timestamp: with an offset (`Z`, `+01:00`, `-0500`, `+02`) the instant is
 * converted to UTC first; without one, the date as written (the shop's local wall-clock date).
 */
export function dayOf(timestamp: string): number {
  const match = TIMESTAMP.exec(timestamp.trim());
  if (!match) throw new InvalidTimestamp(timestamp, 'expected ISO-8601 like 2010-12-01 or 2010-12-01T08:26:00[Z|±hh:mm]');
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, offsetText] = match;
  const year = Number(yearText);
  const month = Number(monthText);
  const dayOfMonth = Number(dayText);
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) {
    throw new InvalidTimestamp(timestamp, 'no such date');
  }
  const hour = hourText === undefined ? 0 : Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  if (hour > 23 || minute > 59 || second > 60) throw new InvalidTimestamp(timestamp, 'no such time of day');
  const day = daysFromCivil(year, month, dayOfMonth);
  if (offsetText === undefined) return day;
  const offsetMinutes = parseOffsetMinutes(offsetText);
  return day + Math.floor((hour * 60 + minute - offsetMinutes) / 1440);
}

export function hasOffset(timestamp: string): boolean {
  const match = TIMESTAMP.exec(timestamp.trim());
  return match !== null && match[7] !== undefined;
}

/**
 * The protocol's file-level rule: "if any row carries an offset, every timestamp is converted to UTC before the
 * calendar day is taken". A row without an offset is then read as UTC already (that is what the reference
 * implementation, pandas `to_datetime(utc=True)`, does), so its day stays the date as written. The file-level
 * rule therefore gives each row exactly its own `dayOf`, and a log can be read in one streaming pass; this
 * function exists to state and test that equivalence.
 */
export function daysOfFile(timestamps: Iterable<string>): number[] {
  return Array.from(timestamps, dayOf);
}

function parseOffsetMinutes(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
