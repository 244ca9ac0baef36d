/** A message the customer opened or clicked, as a candidate for a purchase's credit. */
export interface EngagedMessage {
  messageId: string;
  /** ISO-8601: the later of its first open and first click. */
  engagedAt: string;
}

const HOUR_MS = 3_600_000;

/**
 * Last touch: the purchase is credited to the message engaged with most recently before it, if that was
 * within the window. Undefined when none qualifies.
 */
export function attributedMessage(candidates: readonly EngagedMessage[], orderedAt: string, windowHours: number): EngagedMessage | undefined {
  const orderedAtMs = Date.parse(orderedAt);
  const opensAtMs = orderedAtMs - windowHours * HOUR_MS;
  let best: EngagedMessage | undefined;
  for (const candidate of candidates) {
    const engagedAtMs = Date.parse(candidate.engagedAt);
    if (engagedAtMs > orderedAtMs || engagedAtMs < opensAtMs) continue;
    if (!best || engagedAtMs > Date.parse(best.engagedAt)) best = candidate;
  }
  return best;
}
