import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateDecision, RateLimiter } from '../../application/ports';

/**
 * A per-instance budget per source: it protects this process and the broker from a runaway sender. It is
 * not a global quota: N instances admit N times the limit.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly limiter?: RateLimiterMemory;

  constructor(perMinute: number) {
    if (perMinute > 0) this.limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  }

  async take(source: string): Promise<RateDecision> {
    if (!this.limiter) return { allowed: true };
    try {
      await this.limiter.consume(source);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      throw rejection;
    }
  }
}
