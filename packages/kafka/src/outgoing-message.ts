import { EventHeaders, schemaOfTopic, type EventOf, type HeaderMap, type Topic } from '@syncengage/contracts';

export interface OutgoingMessage {
  topic: string;
  key: string;
  value: Buffer;
  headers: HeaderMap;
}

/**
 * Checks the event against its topic's schema before it leaves: a bug in a producer fails there, loudly,
 * instead of poisoning every consumer downstream.
 */
export function encodeEvent<T extends Topic>(topic: T, event: EventOf<T>, traceId: string): OutgoingMessage {
  const checked = schemaOfTopic[topic].parse(event) as EventOf<T> & { eventType: string; schemaVersion: number; customerId: string };
  return {
    topic,
    key: checked.customerId,
    value: Buffer.from(JSON.stringify(checked), 'utf8'),
    headers: {
      [EventHeaders.TraceId]: traceId,
      [EventHeaders.EventType]: checked.eventType,
      [EventHeaders.SchemaVersion]: String(checked.schemaVersion),
    },
  };
}
