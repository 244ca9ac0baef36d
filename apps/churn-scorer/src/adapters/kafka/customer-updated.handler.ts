import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { decodeCustomerUpdated, Topics } from '@syncengage/contracts';
import { EventConsumer, recordFromContext, type RecordContext } from '@syncengage/kafka';
import { ScoreCustomer } from '../../application/score-customer';

@Controller()
export class CustomerUpdatedHandler {
  constructor(private readonly consumer: EventConsumer, @Inject(ScoreCustomer) private readonly scoreCustomer: ScoreCustomer) {}

  @EventPattern(Topics.CustomerUpdated)
  async handle(@Payload() value: unknown, @Ctx() context: RecordContext): Promise<void> {
    await this.consumer.consume(recordFromContext(value, context), decodeCustomerUpdated, (update, { traceId }) =>
      this.scoreCustomer.execute(update, traceId),
    );
  }
}
