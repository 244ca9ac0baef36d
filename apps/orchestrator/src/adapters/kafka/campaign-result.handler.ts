import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { decodeCampaignResult, Topics } from '@syncengage/contracts';
import { EventConsumer, recordFromContext, type RecordContext } from '@syncengage/kafka';
import { RecordCampaignResult } from '../../application/record-campaign-result';

@Controller()
export class CampaignResultHandler {
  constructor(private readonly consumer: EventConsumer, @Inject(RecordCampaignResult) private readonly recordResult: RecordCampaignResult) {}

  @EventPattern(Topics.CampaignResult)
  async handle(@Payload() value: unknown, @Ctx() context: RecordContext): Promise<void> {
    await this.consumer.consume(recordFromContext(value, context), decodeCampaignResult, (result) => this.recordResult.execute(result));
  }
}
