import type { Channel, SuppressionReason } from '@syncengage/contracts';

/** At most `maxSends` messages on `channel` to one customer within any `windowMs`. */
export interface FrequencyCap {
  channel: Channel;
  maxSends: number;
  windowMs: number;
  /** As configured, e.g. "email:2/7d", for reasons a person reads. */
  label: string;
}

/** Local wall-clock minutes since midnight; a window that wraps midnight (21:00-08:00) has start > end. */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

export interface GuardRailPolicy {
  frequencyCaps: readonly FrequencyCap[];
  /** A customer who converted is left alone this long: the campaign worked, more would only annoy. */
  conversionCooldownMs: number;
  quietHours?: QuietHours;
  /** Used for customers without a known time zone; unset, such customers are not held (we do not guess). */
  quietHoursFallbackTimeZone?: string;
}

/** What the ledger knows about a customer when deciding: read in the same transaction as the decision. */
export interface ContactHistory {
  lastContactedAt?: Date;
  /** Sends within the longest cap window, newest first. */
  recentSends: ReadonlyArray<{ channel: Channel; at: Date }>;
  lastConvertedAt?: Date;
  suppressions: ReadonlyArray<{ channel: Channel; reason: SuppressionReason }>;
}

export const NO_HISTORY: ContactHistory = { recentSends: [], suppressions: [] };

/** Channels that must not be used now, each with the reason: suppressed, or at a frequency cap. */
export function blockedChannels(history: ContactHistory, now: Date, policy: GuardRailPolicy): Partial<Record<Channel, string>> {
  const blocked: Partial<Record<Channel, string>> = {};
  for (const { channel, reason } of history.suppressions) blocked[channel] = `${channel} suppressed (${reason})`;
  for (const cap of policy.frequencyCaps) {
    if (blocked[cap.channel]) continue;
    const since = now.getTime() - cap.windowMs;
    const sends = history.recentSends.filter((send) => send.channel === cap.channel && send.at.getTime() > since).length;
    if (sends >= cap.maxSends) blocked[cap.channel] = `${cap.channel} at its frequency cap (${sends} sent, cap ${cap.label})`;
  }
  return blocked;
}

export function isInConversionCooldown(history: ContactHistory, now: Date, policy: GuardRailPolicy): boolean {
  return history.lastConvertedAt !== undefined && now.getTime() - history.lastConvertedAt.getTime() < policy.conversionCooldownMs;
}

/**
 * When a message decided at `now` may go out: undefined to send at once, else the end of the customer's quiet
 * hours. Delayed, not dropped: the decision (and its budget) stands and the outbox holds the message until then.
 */
export function quietHoursReleaseAt(now: Date, customerTimeZone: string | undefined, policy: GuardRailPolicy): Date | undefined {
  const quiet = policy.quietHours;
  const timeZone = validTimeZone(customerTimeZone) ?? policy.quietHoursFallbackTimeZone;
  if (!quiet || !timeZone || quiet.startMinute === quiet.endMinute) return undefined;
  const minute = localMinuteOfDay(now, timeZone);
  const wraps = quiet.startMinute > quiet.endMinute;
  const isQuiet = wraps ? minute >= quiet.startMinute || minute < quiet.endMinute : minute >= quiet.startMinute && minute < quiet.endMinute;
  if (!isQuiet) return undefined;
  const minutesLeft = (quiet.endMinute - minute + 24 * 60) % (24 * 60);
  // Whole minutes from the start of this minute; a DST jump inside the window shifts the release by its hour,
  // which is harmless (it is still outside quiet hours) and keeps this free of calendar arithmetic.
  const startOfMinute = Math.floor(now.getTime() / 60_000) * 60_000;
  return new Date(startOfMinute + minutesLeft * 60_000);
}

function localMinuteOfDay(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)!.value);
  return part('hour') * 60 + part('minute');
}

function validTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/** "email:2/7d,sms:1/24h" → caps; a problem per bad entry, for the config to report. */
export function parseFrequencyCaps(text: string, channels: readonly Channel[]): { caps: FrequencyCap[]; problems: string[] } {
  const caps: FrequencyCap[] = [];
  const problems: string[] = [];
  for (const entry of text.split(',').map((item) => item.trim()).filter(Boolean)) {
    const match = /^([a-z]+):(\d+)\/(\d+)([hd])$/.exec(entry);
    const channel = match?.[1] as Channel | undefined;
    if (!match || !channels.includes(channel!) || Number(match[2]) < 1 || Number(match[3]) < 1) {
      problems.push(`"${entry}" is not channel:max/window like email:2/7d (channels ${channels.join(', ')}, window in h or d)`);
      continue;
    }
    caps.push({ channel: channel!, maxSends: Number(match[2]), windowMs: Number(match[3]) * (match[4] === 'h' ? 3_600_000 : 86_400_000), label: entry });
  }
  return { caps, problems };
}

/** "21:00-08:00" → minutes; undefined with a problem when malformed. */
export function parseQuietHours(text: string): { quietHours?: QuietHours; problem?: string } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) return { problem: `"${text}" is not HH:MM-HH:MM like 21:00-08:00 (or off)` };
  return { quietHours: { startMinute: Number(match[1]) * 60 + Number(match[2]), endMinute: Number(match[3]) * 60 + Number(match[4]) } };
}
