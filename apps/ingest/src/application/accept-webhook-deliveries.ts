import { Topics, type CustomerUpdated } from '@syncengage/contracts';
import type { EventPublisher } from '@syncengage/kafka';
import type { OrderOwners, WebhookReceipts } from './ports';

/** One event out of a vendor's webhook, with the vendor's own id for it (the de-duplication key). */
export type Delivery =
  | { deliveryId: string; event: CustomerUpdated; placedOrderId?: string }
  /** A refund names only its order; the customer comes from the order we saw earlier. */
  | { deliveryId: string; refundOfOrderId: string; eventFor: (customerId: string) => CustomerUpdated }
  /** A kind we acknowledge but do not turn into an event (e.g. contact.deletion). */
  | { deliveryId: string; ignoredBecause: string };

export interface DeliveryReport {
  published: string[];
  duplicates: string[];
  ignored: Array<{ deliveryId: string; reason: string }>;
}

/**
 * Publishes each delivery at most once per vendor id and only after claiming it in PostgreSQL; answers only
 * once every event is durably in Kafka. A failed publish releases its claim and rejects, so the edge answers
 * 503 and the vendor's retry goes through.
 */
export class AcceptWebhookDeliveries {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly receipts: WebhookReceipts,
    private readonly orderOwners: OrderOwners,
    private readonly now: () => Date,
  ) {}

  async execute(source: string, deliveries: readonly Delivery[], traceId: string): Promise<DeliveryReport> {
    const report: DeliveryReport = { published: [], duplicates: [], ignored: [] };
    for (const delivery of deliveries) {
      if (!(await this.receipts.claim(source, delivery.deliveryId, this.now()))) {
        report.duplicates.push(delivery.deliveryId);
        continue;
      }
      try {
        const event = await this.eventOf(source, delivery);
        if (typeof event === 'string') {
          report.ignored.push({ deliveryId: delivery.deliveryId, reason: event });
          continue;
        }
        await this.publisher.publish(Topics.CustomerUpdated, event, traceId);
        report.published.push(event.eventId);
      } catch (error) {
        await this.receipts.release(source, delivery.deliveryId);
        throw error;
      }
    }
    return report;
  }

  private async eventOf(source: string, delivery: Delivery): Promise<CustomerUpdated | string> {
    if ('ignoredBecause' in delivery) return delivery.ignoredBecause;
    if ('event' in delivery) {
      if (delivery.placedOrderId) await this.orderOwners.remember(source, delivery.placedOrderId, delivery.event.customerId);
      return delivery.event;
    }
    const customerId = await this.orderOwners.ownerOf(source, delivery.refundOfOrderId);
    if (!customerId) return `refund of order ${delivery.refundOfOrderId}, which this service has not seen (no orders/create or orders/paid for it)`;
    return delivery.eventFor(customerId);
  }
}
