import { Kafka, logLevel } from 'kafkajs';
import { ALL_DEAD_LETTER_TOPICS, ALL_TOPICS } from '@syncengage/contracts';

/**
 * Creates the pipeline's topics and their dead-letter topics if missing, so a fresh cluster does not
 * depend on auto-creation (often disabled in production) and partitions are set on purpose.
 */
export async function ensureTopics(brokers: string[], partitions: number, replicationFactor = 1): Promise<string[]> {
  const admin = new Kafka({ clientId: 'syncengage-topic-admin', brokers, logLevel: logLevel.WARN }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...ALL_TOPICS, ...ALL_DEAD_LETTER_TOPICS].filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor })),
      });
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}
