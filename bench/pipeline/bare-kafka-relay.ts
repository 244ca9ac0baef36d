import { Kafka, logLevel, Partitioners, type Consumer } from 'kafkajs';
import { collectMessages, waitFor } from '@syncengage/testing';

export interface RelayRun {
  events: number;
  seconds: number;
  latenciesMs: number[];
}

/**
 * The ceiling: the same four-topic hop structure as the pipeline, but each hop is a bare kafkajs
 * consume→produce with no decoding, database or business logic. Our pipeline cannot beat this.
 */
export async function runBareRelay(brokers: string[], events: number, runId: string): Promise<RelayRun> {
  const kafka = new Kafka({ clientId: `${runId}-relay`, brokers, logLevel: logLevel.WARN });
  const topics = [1, 2, 3, 4].map((hop) => `${runId}-relay-${hop}`);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })) });
  await admin.disconnect();

  // The same producer settings as the services' publisher (packages/kafka/src/kafka-event-publisher.ts).
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const relays: Consumer[] = [];
  for (let hop = 0; hop < 3; hop += 1) {
    const consumer = kafka.consumer({ groupId: `${runId}-relay-${hop}`, maxWaitTimeInMs: 100, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    await consumer.connect();
    await consumer.subscribe({ topic: topics[hop], fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachMessage: async ({ message }) => {
        await producer.send({ topic: topics[hop + 1], acks: -1, messages: [{ key: message.key, value: message.value, headers: message.headers }] });
      },
    });
    relays.push(consumer);
  }
  const sink = await collectMessages(brokers, topics[3], { groupId: `${runId}-relay-sink` });
  const sentAt = new Map<string, number>();
  const started = Date.now();
  await Promise.all(
    Array.from({ length: events }, async (_, index) => {
      const key = `relay-${index}`;
      sentAt.set(key, Date.now());
      await producer.send({ topic: topics[0], acks: -1, messages: [{ key, value: JSON.stringify({ index }) }] });
    }),
  );
  await waitFor(() => sink.messages.length >= events, { timeoutMs: 120_000, description: `${events} relayed messages` });
  const seconds = (Date.now() - started) / 1000;
  const latenciesMs = sink.messages.map((message) => message.receivedAt - sentAt.get(message.key ?? '')!);
  await sink.stop();
  await Promise.all(relays.map((consumer) => consumer.disconnect()));
  await producer.disconnect();
  return { events, seconds, latenciesMs };
}
