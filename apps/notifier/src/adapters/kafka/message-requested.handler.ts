import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { decodeMessageRequested, Topics } from '@syncengage/contracts';
import { EventConsumer, recordFromContext, type RecordContext } from '@syncengage/kafka';
import { DeliverMessage } from '../../application/deliver-message';

@Controller()
export class MessageRequestedHandler {
  constructor(private readonly consumer: EventConsumer, @Inject(DeliverMessage) private readonly deliverMessage: DeliverMessage) {}

  @EventPattern(Topics.MessageRequested)
  async handle(@Payload() value: unknown, @Ctx() context: RecordContext): Promise<void> {
    await this.consumer.consume(recordFromContext(value, context), decodeMessageRequested, (message, { traceId, record }) =>
      this.deliverMessage.execute(message, traceId, record),
    );
  }
}
