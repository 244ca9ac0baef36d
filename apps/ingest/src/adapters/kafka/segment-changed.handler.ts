import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { decodeSegmentChanged, Topics, type SegmentChanged } from '@syncengage/contracts';
import { EventConsumer, recordFromContext, type RecordContext } from '@syncengage/kafka';
import { MoveSegmentTag } from '../../application/tag-customer-segment';

/** A segment name the CRM cannot hold as a tag: the same every time, so it goes to the dead-letter topic at once. */
class UntaggableSegment extends Error {
  readonly retryable = false;
  readonly code = 'UNTAGGABLE_SEGMENT';
}

/**
 * Segment changes from the orchestrator, written back to the CRM as its customer's tag. Customers from other
 * sources share the topic, so one the CRM does not have is skipped, not dead-lettered; a CRM that is down
 * throws a retryable error, which EventConsumer retries before dead-lettering.
 */
@Controller()
export class SegmentChangedHandler {
  private readonly logger = new Logger('SegmentTags');

  constructor(private readonly consumer: EventConsumer, @Inject(MoveSegmentTag) private readonly moveTag: MoveSegmentTag) {}

  @EventPattern(Topics.SegmentChanged)
  async handle(@Payload() value: unknown, @Ctx() context: RecordContext): Promise<void> {
    await this.consumer.consume(recordFromContext(value, context), decodeSegmentChanged, (change) => this.apply(change));
  }

  private async apply(change: SegmentChanged): Promise<void> {
    const outcome = await this.moveTag.execute(change.customerId, change.segment);
    if (outcome.status === 'refused') throw new UntaggableSegment(`segment ${change.segment} of customer ${change.customerId}: ${outcome.problems.join('; ')}`);
    if (outcome.status === 'unknown-customer') this.logger.debug(`customer ${change.customerId} is not in the CRM: segment tag skipped`);
  }
}
