import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { decodeCampaignResult, decodeChurnScored, decodeCustomerUpdated, decodeDecisionRecorded, decodeMessageRequested, decodeSegmentChanged, Topics, type EventOf, type Topic } from '@syncengage/contracts';
import { EventConsumer, recordFromContext, type RecordContext } from '@syncengage/kafka';
import { RecordEvents } from '../../application/record-events';

/** The console listens to every topic of the pipeline in its own consumer group; poison goes to the topic's dead letters. */
@Controller()
export class AnalyticsEventsHandler {
  constructor(private readonly consumer: EventConsumer, @Inject(RecordEvents) private readonly recordEvents: RecordEvents) {}

  @EventPattern(Topics.CustomerUpdated)
  async customerUpdated(@Payload() value: unknown, @Ctx() context: RecordContext): Promise<void> {
    await this.record(Topics.CustomerUpdated, decodeCustomerUpdated, value, context);
  }

  @EventPattern(Topics.ChurnScored)
  async churnScored(@Payload() value: unknown, @Ctx() context: RecordContext): Promise<void> {
    await this.record(Topics.ChurnScored, decodeChurnScored, value, context);
  }

  @EventPattern(Topics.MessageRequested)
  async messageRequested(@Payload() value: unknown, @Ctx() context: RecordContext): Promise<void> {
    await this.record(Topics.MessageRequested, decodeMessageRequested, value, context);
  }

  @EventPattern(Topics.CampaignResult)
  async campaignResult(@Payload() value: unknown, @Ctx() context: RecordContext): Promise<void> {
    await this.record(Topics.CampaignResult, decodeCampaignResult, value, context);
  }

  @EventPattern(Topics.SegmentChanged)
  async segmentChanged(@Payload() value: unknown, @Ctx() context: RecordContext): Promise<void> {
    await this.record(Topics.SegmentChanged, decodeSegmentChanged, value, context);
  }

  @EventPattern(Topics.DecisionRecorded)
  async decisionRecorded(@Payload() value: unknown, @Ctx() context: RecordContext): Promise<void> {
    await this.record(Topics.DecisionRecorded, decodeDecisionRecorded, value, context);
  }

  private async record<T extends Topic>(topic: T, decode: (raw: unknown) => EventOf<T>, value: unknown, context: RecordContext): Promise<void> {
    await this.consumer.consume(recordFromContext(value, context), decode, (event) => this.recordEvents.execute(topic, [event]));
  }
}
