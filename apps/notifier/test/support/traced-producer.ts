import { Partitioners } from 'kafkajs';
import { EventHeaders, type Topic } from '@syncengage/contracts';
import { createTestKafka } from '@syncengage/testing';

/** Publishes as the upstream services do: keyed by customer, with the suite's run id as the trace id. */
export interface TracedProducer {
  /** `partition` pins the message; otherwise the key picks it. */
  publish(topic: Topic, event: { customerId: string }, partition?: number): Promise<void>;
  disconnect(): Promise<void>;
}

export async function connectTracedProducer(brokers: string[], runId: string): Promise<TracedProducer> {
  const producer = createTestKafka(brokers, `${runId}-producer`).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  return {
    publish: async (topic, event, partition) => {
      await producer.send({
        topic,
        messages: [{ key: event.customerId, value: JSON.stringify(event), headers: { [EventHeaders.TraceId]: runId }, ...(partition === undefined ? {} : { partition }) }],
      });
    },
    disconnect: () => producer.disconnect(),
  };
}
