import { Kafka, logLevel } from 'kafkajs';
import { createFreshDatabase, type FreshDatabase } from './fresh-database';
import { startServiceProcess, type ServiceProcess } from './service-process';
import { waitFor } from './wait-for';

export const PIPELINE_SERVICES = ['ingest', 'churn-scorer', 'orchestrator', 'notifier'] as const;

/** The topics each service consumes (ingest only produces); its consumer group is `<runId>-<service>`. */
export const CONSUMED_TOPICS: Readonly<Record<(typeof PIPELINE_SERVICES)[number], readonly string[]>> = {
  ingest: [],
  'churn-scorer': ['customer-updated'],
  orchestrator: ['churn-scored', 'campaign-result', 'customer-updated'],
  notifier: ['message-requested', 'customer-updated'],
};

export interface PipelineProcesses {
  processes: ServiceProcess[];
  ingestUrl: string;
  outboxUrl: string;
  stop(): Promise<void>;
}

/**
 * The four services as production runs them: one process each, each with its own fresh database, talking
 * only through the broker. Ports are picked free; `env` adds or overrides settings for every service.
 */
export async function startPipelineProcesses(options: { brokers: string[]; runId: string; env?: Record<string, string> }): Promise<PipelineProcesses> {
  const databases: FreshDatabase[] = [];
  const processes: ServiceProcess[] = [];
  const stop = async () => {
    await Promise.all(processes.map((service) => service.stop()));
    await Promise.all(databases.map((database) => database.drop()));
  };
  try {
    // A broker shared with other suites holds their leftovers; new groups would start by replaying all of them.
    await startGroupsAtTopicEnd(options.brokers, options.runId);
    for (const name of PIPELINE_SERVICES) {
      const database = await createFreshDatabase(`${options.runId}_${name.replace('-', '_')}`);
      databases.push(database);
      const env: Record<string, string> = {
        KAFKA_BROKERS: options.brokers.join(','),
        KAFKA_GROUP_ID: `${options.runId}-${name}`,
        DATABASE_URL: database.url,
        LOG_LEVEL: 'warn',
        INGEST_HTTP_PORT: '0',
        CHURN_SCORER_HTTP_PORT: '0',
        CHURN_GRPC_PORT: '0',
        ORCHESTRATOR_HTTP_PORT: '0',
        NOTIFIER_HTTP_PORT: '0',
        ...options.env,
      };
      processes.push(await startServiceProcess(name, env, new RegExp(`^${name} (listening|consuming)`)));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    processes,
    ingestUrl: /listening on (http:\/\/\S+)/.exec(processes[0].readyLine)![1],
    outboxUrl: /outbox at (http:\/\/\S+)/.exec(processes[3].readyLine)![1],
    stop,
  };
}

async function startGroupsAtTopicEnd(brokers: string[], runId: string): Promise<void> {
  for (const name of PIPELINE_SERVICES) {
    for (const topic of CONSUMED_TOPICS[name]) await startGroupAtTopicEnd(brokers, `${runId}-${name}`, topic);
  }
}

/**
 * Commits the topic's current end offsets for a consumer group that has not started yet, so it begins there
 * whatever its fromBeginning setting. (kafkajs's resetOffsets commits the sentinel −1 for "latest", which a
 * consumer reads as "no offset" and answers with fromBeginning: it would replay everything. Its setOffsets joins
 * the group with a consumer whose stop waits out a default 5 s fetch, per topic; a member of our own with a short
 * fetch wait commits the same offsets in a fraction of that.)
 */
export async function startGroupAtTopicEnd(brokers: string[], groupId: string, topic: string): Promise<void> {
  const kafka = new Kafka({ clientId: `${groupId}-start`, brokers, logLevel: logLevel.WARN });
  const admin = kafka.admin();
  await admin.connect();
  let ends: Array<{ partition: number; high: string }>;
  try {
    if (!(await admin.listTopics()).includes(topic)) return;
    // A topic another process has just created may not have its leaders yet ("not the leader"): wait for them.
    ends = await waitFor(() => admin.fetchTopicOffsets(topic), { description: `the end offsets of ${topic}`, timeoutMs: 30_000, intervalMs: 200 });
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50, sessionTimeout: 6_000, heartbeatInterval: 500 });
  let joined = false;
  const removeListener = consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: false });
    // Nothing is handled: the member only exists to commit, and leaves right after.
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
    await waitFor(() => joined, { description: `group ${groupId} to take ${topic}`, timeoutMs: 30_000 });
    await consumer.commitOffsets(ends.map(({ partition, high }) => ({ topic, partition, offset: high })));
  } finally {
    removeListener();
    await consumer.disconnect();
  }
}
