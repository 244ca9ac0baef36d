/**
 * A token bucket per provider: `ratePerSecond` sends on average, at most `capacity` at once. `reserve` never
 * refuses; it takes a token now or later and says how long to wait, so concurrent callers queue in order.
 */
export class TokenBucket {
  private tokens: number;
  /** When `tokens` was counted; in the future while the provider has asked us to pause. */
  private countedAt: number;

  constructor(private readonly ratePerSecond: number, private readonly capacity: number, private readonly now: () => number) {
    this.tokens = capacity;
    this.countedAt = now();
  }

  /** Milliseconds until the caller may send; the token is taken either way. */
  reserve(): number {
    const now = this.now();
    this.refill(now);
    this.tokens -= 1;
    const deficitMs = this.tokens >= 0 ? 0 : (-this.tokens * 1000) / this.ratePerSecond;
    return Math.ceil(Math.max(0, this.countedAt - now) + deficitMs);
  }

  /** The provider said 429 with Retry-After: nobody sends to it before then, and the bucket starts empty. */
  pauseFor(ms: number): void {
    const now = this.now();
    this.refill(now);
    const resumeAt = now + ms;
    if (resumeAt <= this.countedAt) return;
    // Tokens already promised to waiting callers stay promised, after the pause.
    this.tokens = Math.min(this.tokens, 0);
    this.countedAt = resumeAt;
  }

  private refill(now: number): void {
    if (now <= this.countedAt) return;
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.countedAt) / 1000) * this.ratePerSecond);
    this.countedAt = now;
  }
}
