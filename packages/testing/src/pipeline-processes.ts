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
 * consumer reads as "no offset" and answers with fromBeginning: it would replay everything.)
 */
export async function startGroupAtTopicEnd(brokers: string[], groupId: string, topic: string): Promise<void> {
  const admin = new Kafka({ clientId: `${groupId}-admin`, brokers, logLevel: logLevel.WARN }).admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) return;
    // A topic another process has just created may not have its leaders yet ("not the leader"): wait for them.
    await waitFor(
      async () => {
        const ends = await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({ groupId, topic, partitions: ends.map(({ partition, high }) => ({ partition, offset: high })) });
        return true;
      },
      { description: `the end offsets of ${topic} committed for group ${groupId}`, timeoutMs: 30_000, intervalMs: 200 },
    );
  } finally {
    await admin.disconnect();
  }
}
