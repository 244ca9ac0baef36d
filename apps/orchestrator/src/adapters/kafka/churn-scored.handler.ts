import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { decodeChurnScored, Topics } from '@syncengage/contracts';
import { EventConsumer, recordFromContext, type RecordContext } from '@syncengage/kafka';
import { DecideForScore } from '../../application/decide-for-score';

@Controller()
export class ChurnScoredHandler {
  constructor(private readonly consumer: EventConsumer, @Inject(DecideForScore) private readonly decideForScore: DecideForScore) {}

  @EventPattern(Topics.ChurnScored)
  async handle(@Payload() value: unknown, @Ctx() context: RecordContext): Promise<void> {
    await this.consumer.consume(recordFromContext(value, context), decodeChurnScored, (scored, { traceId }) =>
      this.decideForScore.execute(scored, traceId),
    );
  }
}
