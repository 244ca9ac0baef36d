import type { EventOf, Topic } from '@syncengage/contracts';
import type { EventPublisher } from './event-publisher';
import { encodeEvent, type OutgoingMessage } from './outgoing-message';

/**
 * Keeps what would have gone to Kafka, encoded (and so schema-checked) exactly as the real publishers do:
 * the in-memory adapter use-case specs assert on.
 */
export class RecordingEventPublisher implements EventPublisher {
  readonly messages: OutgoingMessage[] = [];

  async publish<T extends Topic>(topic: T, event: EventOf<T>, traceId: string): Promise<void> {
    this.messages.push(encodeEvent(topic, event, traceId));
  }

  async publishRaw(message: OutgoingMessage): Promise<void> {
    this.messages.push(message);
  }

  /** The decoded JSON values published to one topic, in order. */
  on(topic: string): unknown[] {
    return this.messages.filter((message) => message.topic === topic).map((message) => JSON.parse(message.value.toString('utf8')));
  }
}
