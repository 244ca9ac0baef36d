import type { EventOf, Topic } from '@syncengage/contracts';
import type { EventPublisher } from './event-publisher';
import type { InProcessBus } from './in-process-bus';
import { encodeEvent, type OutgoingMessage } from './outgoing-message';

export class InProcessEventPublisher implements EventPublisher {
  constructor(private readonly bus: InProcessBus) {}

  async publish<T extends Topic>(topic: T, event: EventOf<T>, traceId: string): Promise<void> {
    await this.publishRaw(encodeEvent(topic, event, traceId));
  }

  async publishRaw(message: OutgoingMessage): Promise<void> {
    this.bus.publish(message);
  }
}
