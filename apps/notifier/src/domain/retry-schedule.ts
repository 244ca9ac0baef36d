export interface RetrySchedule {
  /** Sends of one message on one channel, the first included, before it is dead-lettered. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * How long to wait before the next try after `failedAttempts` failures: exponential backoff with full jitter
 * (so a burst of failures does not come back as a burst), never shorter than the provider's Retry-After, and
 * never longer than maxDelayMs, because the wait holds the customer's Kafka partition.
 */
export function retryDelayMs(schedule: RetrySchedule, failedAttempts: number, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(schedule.maxDelayMs, schedule.initialDelayMs * 2 ** Math.max(0, failedAttempts - 1));
  const jittered = Math.round(random() * ceiling);
  return Math.min(schedule.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
}
