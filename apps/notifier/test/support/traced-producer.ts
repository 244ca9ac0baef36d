import { Partitioners, type Message } from 'kafkajs';
import { EventHeaders, type Topic } from '@syncengage/contracts';
import { createTestKafka } from '@syncengage/testing';

/** Publishes as the upstream services do: keyed by customer, with the suite's run id as the trace id. */
export interface TracedProducer {
  /** `partition` pins the message; otherwise the key picks it. */
  publish(topic: Topic, event: { customerId: string }, partition?: number): Promise<void>;
  /** All in one produce request, as a burst from upstream arrives. */
  publishAll(topic: Topic, events: Array<{ customerId: string }>): Promise<void>;
  disconnect(): Promise<void>;
}

export async function connectTracedProducer(brokers: string[], runId: string): Promise<TracedProducer> {
  const producer = createTestKafka(brokers, `${runId}-producer`).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const messageOf = (event: { customerId: string }): Message => ({ key: event.customerId, value: JSON.stringify(event), headers: { [EventHeaders.TraceId]: runId } });
  return {
    publish: async (topic, event, partition) => {
      await producer.send({ topic, messages: [{ ...messageOf(event), ...(partition === undefined ? {} : { partition }) }] });
    },
    publishAll: async (topic, events) => {
      await producer.send({ topic, messages: events.map(messageOf) });
    },
    disconnect: () => producer.disconnect(),
  };
}
