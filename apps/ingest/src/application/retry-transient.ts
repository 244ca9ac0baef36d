import { backOff } from 'exponential-backoff';
import { ConnectorError } from './connector-errors';

export interface RetryPolicy {
  attempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, firstDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Retries transient CRM failures with exponential backoff and full jitter (so many instances do not retry in
 * step); a vendor's Retry-After is honoured as the least wait. Anything not a retryable ConnectorError fails at once.
 */
export function retryTransient<T>(work: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  return backOff(work, {
    numOfAttempts: policy.attempts,
    startingDelay: policy.firstDelayMs,
    maxDelay: policy.maxDelayMs,
    jitter: 'full',
    retry: async (error: unknown) => {
      if (!(error instanceof ConnectorError) || !error.retryable) return false;
      const retryAfterMs = error.retryAfterMs;
      if (retryAfterMs) await new Promise((resolve) => setTimeout(resolve, Math.min(retryAfterMs, policy.maxDelayMs)));
      return true;
    },
  });
}
