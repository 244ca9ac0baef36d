import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';
import type { EventOf, Topic } from '@syncengage/contracts';
import type { EventPublisher } from './event-publisher';
import { encodeEvent, type OutgoingMessage } from './outgoing-message';

export class KafkaEventPublisher implements EventPublisher {
  private constructor(private readonly producer: Producer) {}

  static async connect(brokers: string[], clientId: string): Promise<KafkaEventPublisher> {
    const kafka = new Kafka({ clientId, brokers, logLevel: logLevel.WARN, retry: { initialRetryTime: 100, retries: 8 } });
    // Not kafkajs's idempotent mode: it needs one request in flight per connection, which serialises every
    // publish of the service. Per-key order holds anyway (a consumer awaits each publish before its partition's
    // next message), and a duplicate from a retried send carries the same event id, which consumers drop.
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    return new KafkaEventPublisher(producer);
  }

  async publish<T extends Topic>(topic: T, event: EventOf<T>, traceId: string): Promise<void> {
    await this.publishRaw(encodeEvent(topic, event, traceId));
  }

  async publishRaw(message: OutgoingMessage): Promise<void> {
    await this.producer.send({
      topic: message.topic,
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers: message.headers }],
    });
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
