import { createHash } from 'node:crypto';

/** Unique per message and reproducible from its id: a redelivered decision issues the same code, not a second one. */
export function discountCodeFor(messageId: string, percent: number): string {
  const digest = createHash('sha256').update(messageId).digest('base64url').replace(/[^A-Za-z0-9]/g, '').slice(0, 8).toUpperCase();
  return `SAVE${percent}-${digest}`;
}

/** What a discount is expected to cost: its share of the customer's typical order. */
export function expectedDiscountCostCents(percent: number, monetaryTotalCents: number, frequency: number): number {
  if (percent <= 0) return 0;
  const averageOrderCents = frequency > 0 ? monetaryTotalCents / frequency : 0;
  return Math.max(1, Math.round((averageOrderCents * percent) / 100));
}
