import { Topics, deriveEventId, describeIssues, webhookCustomerUpdatedSchema } from '@syncengage/contracts';
import type { EventPublisher } from '@syncengage/kafka';
import { toCustomerUpdated } from '../domain/to-customer-updated';
import type { WebhookReceipts } from './ports';

export type Acceptance =
  | { accepted: true; eventId: string; duplicate: boolean }
  | { accepted: false; problems: string[] };

export const GENERIC_WEBHOOK_SOURCE = 'webhook';

/** Validates a partner's webhook body and publishes it as `customer-updated`, durably, before answering. */
export class AcceptCustomerUpdate {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly newEventId: () => string,
    private readonly now: () => Date,
    private readonly receipts?: WebhookReceipts,
  ) {}

  /**
   * With a `deliveryId` (the partner's event id, or the signature of a signed request) the event is published
   * once: a second delivery answers with the first one's event id and publishes nothing.
   */
  async execute(body: unknown, traceId: string, deliveryId?: string): Promise<Acceptance> {
    const parsed = webhookCustomerUpdatedSchema.safeParse(body);
    if (!parsed.success) return { accepted: false, problems: describeIssues(parsed.error) };
    if (!deliveryId || !this.receipts) {
      const eventId = this.newEventId();
      await this.publisher.publish(Topics.CustomerUpdated, toCustomerUpdated(parsed.data, eventId, this.now()), traceId);
      return { accepted: true, eventId, duplicate: false };
    }
    const eventId = deriveEventId(`${GENERIC_WEBHOOK_SOURCE}:${deliveryId}`, 'customer-updated');
    if (!(await this.receipts.claim(GENERIC_WEBHOOK_SOURCE, deliveryId, this.now()))) return { accepted: true, eventId, duplicate: true };
    try {
      await this.publisher.publish(Topics.CustomerUpdated, toCustomerUpdated(parsed.data, eventId, this.now()), traceId);
    } catch (error) {
      await this.receipts.release(GENERIC_WEBHOOK_SOURCE, deliveryId);
      throw error;
    }
    return { accepted: true, eventId, duplicate: false };
  }
}
