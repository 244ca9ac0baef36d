import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { decodeCustomerUpdated, Topics } from '@syncengage/contracts';
import { EventConsumer, recordFromContext, type RecordContext } from '@syncengage/kafka';
import { AttributePurchase } from '../../application/attribute-purchase';

/** Purchases from ingest: the notifier credits them to the message that brought the customer back. */
@Controller()
export class CustomerUpdatedHandler {
  constructor(private readonly consumer: EventConsumer, @Inject(AttributePurchase) private readonly attributePurchase: AttributePurchase) {}

  @EventPattern(Topics.CustomerUpdated)
  async handle(@Payload() value: unknown, @Ctx() context: RecordContext): Promise<void> {
    await this.consumer.consume(recordFromContext(value, context), decodeCustomerUpdated, (update, { traceId }) => this.attributePurchase.execute(update, traceId));
  }
}
