import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type IHeaders, type KafkaMessage } from 'kafkajs';
import { waitFor } from './wait-for';

export interface CollectedMessage {
  key: string | null;
  /** UTF-8 text of the value; '' for a tombstone. */
  value: string;
  /** UTF-8 header values; when a key repeats, the last value wins (as Kafka's lastHeader()). */
  headers: Record<string, string>;
  partition: number;
  offset: string;
  /** Date.now() when this process received it, for latency measurements. */
  receivedAt: number;
}

export interface MessageCollector {
  /** Every message received so far, in arrival order (ordered within a partition). */
  readonly messages: CollectedMessage[];
  waitForMessage(predicate: (message: CollectedMessage) => boolean, timeoutMs?: number): Promise<CollectedMessage>;
  /** Leaves the group; offsets of the messages received so far are committed. */
  stop(): Promise<void>;
}

export interface CollectOptions {
  /** Defaults to a new group per collector. Reuse one to resume from its committed offsets. */
  groupId?: string;
  /** Where a group without committed offsets starts; default true so nothing produced earlier is missed. */
  fromBeginning?: boolean;
}

/** A kafkajs client for tests: quiet, and retrying quickly while topics and the group coordinator appear. */
export function createTestKafka(brokers: string[], clientId = 'syncengage-test'): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.WARN, retry: { initialRetryTime: 100, retries: 8 } });
}

/** Creates the topics that do not exist yet and waits until each partition has a leader. */
export async function createTopics(brokers: string[], topics: string[], partitions = 3): Promise<void> {
  const admin = createTestKafka(brokers, 'syncengage-test-admin').admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: partitions })), waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/**
 * Consumes `topic` in the background and keeps every message. Resolves once the consumer has joined its
 * group and fetched from its assigned partitions, so a message produced afterwards is seen even with
 * `fromBeginning: false`.
 */
export async function collectMessages(brokers: string[], topic: string, options: CollectOptions = {}): Promise<MessageCollector> {
  const { groupId = `collect-${topic}-${randomBytes(4).toString('hex')}`, fromBeginning = true } = options;
  // Short fetch waits and session timeouts: defaults are tuned for production and add seconds to every
  // test (each disconnect waits out a 5 s fetch, each rebalance a 30 s session).
  const consumer = createTestKafka(brokers, `collect-${topic}`).consumer({ groupId, maxWaitTimeInMs: 100, sessionTimeout: 6_000, heartbeatInterval: 500 });
  const messages: CollectedMessage[] = [];
  let hasFetched = false;
  let lastCrash: Error | undefined;
  const removeListeners = [
    consumer.on(consumer.events.FETCH, () => (hasFetched = true)),
    consumer.on(consumer.events.CRASH, (event) => (lastCrash = event.payload.error)),
  ];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning });
    await consumer.run({ eachMessage: async ({ partition, message }) => void messages.push(toCollected(partition, message)) });
    // kafkajs restarts after a retriable crash, so a crash only explains the wait if no fetch follows it.
    const hasStarted = () => {
      if (hasFetched) return true;
      if (lastCrash) throw lastCrash;
      return false;
    };
    await waitFor(hasStarted, { description: `the ${topic} consumer of group ${groupId} to be assigned its partitions`, timeoutMs: 30_000 });
  } catch (error) {
    await consumer.disconnect();
    throw error;
  } finally {
    removeListeners.forEach((remove) => remove());
  }
  return {
    messages,
    waitForMessage: (predicate, timeoutMs = 15_000) =>
      waitFor(() => messages.find(predicate), { description: `a matching message on ${topic}`, timeoutMs }),
    stop: () => consumer.disconnect(),
  };
}

function toCollected(partition: number, message: KafkaMessage): CollectedMessage {
  return {
    key: message.key?.toString('utf8') ?? null,
    value: message.value?.toString('utf8') ?? '',
    headers: decodeHeaders(message.headers ?? {}),
    partition,
    offset: message.offset,
    receivedAt: Date.now(),
  };
}

function decodeHeaders(headers: IHeaders): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    const last = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (last !== undefined) decoded[name] = last.toString();
  }
  return decoded;
}
