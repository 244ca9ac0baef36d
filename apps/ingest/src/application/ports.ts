/**
 * What a webhook delivery has been seen before. `claim` is atomic: of two concurrent deliveries of one
 * event, exactly one gets true.
 */
export interface WebhookReceipts {
  claim(source: string, deliveryId: string, receivedAt: Date): Promise<boolean>;
  /** Forgets a claim whose event could not be published, so the vendor's retry is not taken for a replay. */
  release(source: string, deliveryId: string): Promise<void>;
}

/** Which customer placed an order: refunds arrive naming only the order. */
export interface OrderOwners {
  remember(source: string, orderId: string, customerId: string): Promise<void>;
  ownerOf(source: string, orderId: string): Promise<string | undefined>;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Per-source request budget; webhooks over it get 429 with Retry-After. */
export interface RateLimiter {
  take(source: string): Promise<RateDecision>;
}

export const WEBHOOK_RECEIPTS = Symbol('WebhookReceipts');
export const ORDER_OWNERS = Symbol('OrderOwners');
export const RATE_LIMITER = Symbol('RateLimiter');
