export type SignatureCheck = { valid: true } | { valid: false; reason: string };

/**
 * A signed request is only fresh for `toleranceSeconds` either side of our clock: an attacker who captured
 * one cannot replay it later, and event-id de-duplication covers replays inside the window.
 */
export function checkTimestamp(signedAtMs: number, now: Date, toleranceSeconds: number): SignatureCheck {
  if (!Number.isFinite(signedAtMs)) return { valid: false, reason: 'the signed timestamp is not a number' };
  const skewSeconds = Math.abs(now.getTime() - signedAtMs) / 1000;
  if (skewSeconds > toleranceSeconds) {
    return { valid: false, reason: `the signed timestamp is ${Math.round(skewSeconds)} s away from now, more than the ${toleranceSeconds} s tolerated (replayed or clock skew)` };
  }
  return { valid: true };
}
