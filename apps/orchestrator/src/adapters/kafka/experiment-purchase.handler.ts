import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { decodeCustomerUpdated, Topics } from '@syncengage/contracts';
import { EventConsumer, recordFromContext, type RecordContext } from '@syncengage/kafka';
import { RecordExperimentPurchase } from '../../application/record-experiment-outcome';

/** customer-updated in: purchases of customers in an experiment, so the holdout's conversions can be counted too. */
@Controller()
export class ExperimentPurchaseHandler {
  constructor(private readonly consumer: EventConsumer, @Inject(RecordExperimentPurchase) private readonly recordPurchase: RecordExperimentPurchase) {}

  @EventPattern(Topics.CustomerUpdated)
  async handle(@Payload() value: unknown, @Ctx() context: RecordContext): Promise<void> {
    await this.consumer.consume(recordFromContext(value, context), decodeCustomerUpdated, (update) => this.recordPurchase.execute(update));
  }
}
