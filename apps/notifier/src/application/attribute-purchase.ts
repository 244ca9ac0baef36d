import type { CustomerUpdated } from '@syncengage/contracts';
import { attributedMessage } from '../domain/attribution';
import type { EngagementStore } from './ports';
import type { EngagementOutcome, RecordEngagement } from './record-engagement';

export type AttributionOutcome = EngagementOutcome | { state: 'not-a-purchase' } | { state: 'unattributed' };

const HOUR_MS = 3_600_000;

/**
 * A purchase within the window after the customer last opened or clicked a message converts that message, with
 * the order's amount as its revenue impact. Keyed by order id, so a redelivered purchase counts once; a message
 * converts once, so a second order credited to it adds nothing.
 */
export class AttributePurchase {
  constructor(private readonly store: EngagementStore, private readonly recordEngagement: RecordEngagement, private readonly windowHours: number) {}

  async execute(update: CustomerUpdated, traceId: string): Promise<AttributionOutcome> {
    if (update.change !== 'purchase_made' || !update.purchase) return { state: 'not-a-purchase' };
    const { orderId, amountCents, orderedAt } = update.purchase;
    const to = new Date(orderedAt);
    const candidates = await this.store.engagedBetween(update.customerId, new Date(to.getTime() - this.windowHours * HOUR_MS), to);
    const message = attributedMessage(candidates, orderedAt, this.windowHours);
    if (!message) return { state: 'unattributed' };
    return this.recordEngagement.execute(
      { factId: `order:${orderId}`, messageId: message.messageId, at: to.toISOString(), kind: 'converted', orderId, revenueCents: amountCents },
      traceId,
    );
  }
}
