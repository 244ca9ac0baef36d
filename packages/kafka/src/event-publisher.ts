import type { EventOf, Topic } from '@syncengage/contracts';
import type { OutgoingMessage } from './outgoing-message';

/** Where services put events. Resolves only once the event is durable (acknowledged by all in-sync replicas). */
export interface EventPublisher {
  publish<T extends Topic>(topic: T, event: EventOf<T>, traceId: string): Promise<void>;
  /** For messages that are not our events: dead letters, replays. */
  publishRaw(message: OutgoingMessage): Promise<void>;
}

export const EVENT_PUBLISHER = Symbol('EventPublisher');
