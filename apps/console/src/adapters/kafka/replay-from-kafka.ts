import { Kafka, logLevel } from 'kafkajs';
import type { ZodType } from 'zod';
import { ALL_TOPICS, decodeWith, parseJson, schemaOfTopic, type EventOf, type Topic } from '@syncengage/contracts';
import type { AnalyticsStore } from '../../application/ports';
import { toAnalyticsRow } from '../../domain/analytics-row';

export interface ReplayReport {
  group: string;
  recorded: number;
  /** Messages that do not decode: the live consumer already sent them to the dead letters, the replay skips them. */
  skipped: number;
}

/**
 * Rebuilds the analytics store from Kafka: empties it, reads every topic from the beginning in a consumer group
 * of its own (so the live console's offsets are untouched) up to the end offsets seen at the start, and stops.
 * Topics must still hold their history: the store can only be rebuilt as far back as retention allows.
 */
export async function replayFromKafka(store: AnalyticsStore, settings: { brokers: string[]; clientId: string; groupPrefix: string; now?: () => Date }): Promise<ReplayReport> {
  const group = `${settings.groupPrefix}-replay-${(settings.now?.() ?? new Date()).getTime()}`;
  const kafka = new Kafka({ clientId: `${settings.clientId}-replay`, brokers: settings.brokers, logLevel: logLevel.WARN });
  const admin = kafka.admin();
  await admin.connect();
  const remaining = new Map<string, number>();
  try {
    for (const topic of ALL_TOPICS) {
      for (const end of await admin.fetchTopicOffsets(topic)) {
        if (Number(end.high) > Number(end.low)) remaining.set(`${topic}:${end.partition}`, Number(end.high));
      }
    }
  } finally {
    await admin.disconnect();
  }
  await store.truncate();
  const report: ReplayReport = { group, recorded: 0, skipped: 0 };
  if (remaining.size === 0) return report;
  const consumer = kafka.consumer({ groupId: group, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await new Promise<void>((resolve, reject) => {
      consumer.subscribe({ topics: [...ALL_TOPICS], fromBeginning: true }).then(
        () =>
          consumer.run({
            eachBatch: async ({ batch }) => {
              const topic = batch.topic as Topic;
              const rows = [];
              for (const message of batch.messages) {
                try {
                  const schema = schemaOfTopic[topic] as ZodType<EventOf<Topic>>;
                  const event = decodeWith(topic, schema, parseJson(topic, message.value ?? Buffer.alloc(0)));
                  rows.push(toAnalyticsRow(topic, event));
                } catch {
                  report.skipped += 1;
                }
              }
              report.recorded += (await store.append(rows)).inserted;
              const key = `${topic}:${batch.partition}`;
              const end = remaining.get(key);
              if (end !== undefined && Number(batch.lastOffset()) + 1 >= end) remaining.delete(key);
              if (remaining.size === 0) resolve();
            },
          }),
        reject,
      ).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return report;
}
