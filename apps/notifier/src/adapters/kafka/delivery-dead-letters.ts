import { EventHeaders, Topics, type DeliveryAttempt, type DeliveryDeadLetter, type MessageRequested } from '@syncengage/contracts';
import { deadLetterFor, type ConsumedRecord, type EventPublisher } from '@syncengage/kafka';
import type { DeliveryDeadLetters } from '../../application/ports';

/**
 * The consumer's own dead letter (original bytes, partition, offset) plus the attempt history, on the same
 * `message-requested.dead-letter` topic, so one replay tool serves both.
 */
export class KafkaDeliveryDeadLetters implements DeliveryDeadLetters {
  constructor(private readonly publisher: EventPublisher, private readonly consumerGroup: string, private readonly now: () => Date) {}

  async publish(message: MessageRequested, history: DeliveryAttempt[], reason: string, traceId: string, origin?: ConsumedRecord): Promise<void> {
    const record: ConsumedRecord = origin ?? {
      topic: Topics.MessageRequested,
      partition: -1,
      offset: '-1',
      key: message.customerId,
      headers: { [EventHeaders.TraceId]: traceId },
      value: Buffer.from(JSON.stringify(message), 'utf8'),
    };
    const outgoing = deadLetterFor(record, { reason, errorCode: 'DELIVERY_FAILED', attempts: Math.max(history.length, 1) }, this.consumerGroup, this.now());
    const letter: DeliveryDeadLetter = { ...(JSON.parse(outgoing.value.toString('utf8')) as Omit<DeliveryDeadLetter, 'history'>), history };
    await this.publisher.publishRaw({ ...outgoing, value: Buffer.from(JSON.stringify(letter), 'utf8') });
  }
}
