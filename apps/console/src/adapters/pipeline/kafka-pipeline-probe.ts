import { Kafka, logLevel, type Admin } from 'kafkajs';
import { ALL_TOPICS, deadLetterTopicOf } from '@syncengage/contracts';
import type { PipelineProbe, TopicHealth } from '../../application/ports';

/** Lag and dead letters from Kafka itself (the admin API): what the broker holds, not what we think we saw. */
export class KafkaPipelineProbe implements PipelineProbe {
  readonly source = 'kafka' as const;
  private admin?: Promise<Admin>;

  constructor(private readonly brokers: string[], private readonly clientId: string, private readonly groupId: string) {}

  async topics(): Promise<TopicHealth[]> {
    const admin = await this.connected();
    const committed = await admin.fetchOffsets({ groupId: this.groupId, topics: [...ALL_TOPICS] });
    return Promise.all(
      ALL_TOPICS.map(async (topic) => {
        const ends = await admin.fetchTopicOffsets(topic).catch(() => null);
        const group = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
        const consumerLag = ends
          ? ends.reduce((sum, end) => {
              const position = Number(group.find((p) => p.partition === end.partition)?.offset ?? -1);
              return sum + Number(end.high) - (position < 0 ? Number(end.low) : position);
            }, 0)
          : null;
        const deadLetterEnds = await admin.fetchTopicOffsets(deadLetterTopicOf(topic)).catch(() => []);
        const deadLetters = deadLetterEnds.reduce((sum, end) => sum + Number(end.high) - Number(end.low), 0);
        return { topic, consumerLag, deadLetters };
      }),
    );
  }

  async close(): Promise<void> {
    if (this.admin) await (await this.admin).disconnect();
  }

  private connected(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = new Kafka({ clientId: `${this.clientId}-admin`, brokers: this.brokers, logLevel: logLevel.WARN }).admin();
      await admin.connect();
      return admin;
    })();
    return this.admin;
  }
}
