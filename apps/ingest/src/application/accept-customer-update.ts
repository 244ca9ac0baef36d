import { Topics, webhookCustomerUpdatedSchema, describeIssues } from '@syncengage/contracts';
import type { EventPublisher } from '@syncengage/kafka';
import { toCustomerUpdated } from '../domain/to-customer-updated';

export type Acceptance =
  | { accepted: true; eventId: string }
  | { accepted: false; problems: string[] };

/** Validates a partner's webhook body and publishes it as `customer-updated`, durably, before answering. */
export class AcceptCustomerUpdate {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly newEventId: () => string,
    private readonly now: () => Date,
  ) {}

  async execute(body: unknown, traceId: string): Promise<Acceptance> {
    const parsed = webhookCustomerUpdatedSchema.safeParse(body);
    if (!parsed.success) return { accepted: false, problems: describeIssues(parsed.error) };
    const eventId = this.newEventId();
    await this.publisher.publish(Topics.CustomerUpdated, toCustomerUpdated(parsed.data, eventId, this.now()), traceId);
    return { accepted: true, eventId };
  }
}
