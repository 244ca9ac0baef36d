/** What Shopify reports in `extensions.cost.throttleStatus` after every query. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  /** Points per second. */
  restoreRate: number;
}

/**
 * Shopify's leaky bucket as last reported, refilled by the clock since. Waiting for the points a query
 * needs costs the same time as being throttled, without the wasted round trip.
 */
export class QueryCostBucket {
  private status?: ThrottleStatus;
  private observedAtMs = 0;

  constructor(private readonly nowMs: () => number = Date.now) {}

  observe(status: ThrottleStatus | undefined): void {
    if (!status || !(status.restoreRate > 0)) return;
    this.status = status;
    this.observedAtMs = this.nowMs();
  }

  /** How long to wait before `cost` points are there; 0 when they are, or when Shopify has not told us yet. */
  waitMsFor(cost: number): number {
    if (!this.status) return 0;
    const { maximumAvailable, currentlyAvailable, restoreRate } = this.status;
    const available = Math.min(maximumAvailable, currentlyAvailable + ((this.nowMs() - this.observedAtMs) / 1000) * restoreRate);
    const needed = Math.min(cost, maximumAvailable);
    return available >= needed ? 0 : Math.ceil(((needed - available) / restoreRate) * 1000);
  }
}
