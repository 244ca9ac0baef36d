import { Topics } from '@syncengage/contracts';
import { collectMessages, createFreshDatabase, startServiceProcess, waitFor, type FreshDatabase, type ServiceProcess } from '@syncengage/testing';

export interface PipelineRun {
  events: number;
  seconds: number;
  latenciesMs: number[];
  rejected: number;
}

const SERVICES = ['ingest', 'churn-scorer', 'orchestrator', 'notifier'] as const;

/**
 * N customers each make one purchase through the webhook; every one of them is eligible for a message, so
 * each webhook should come back as one campaign-result. Latency is webhook POST → campaign-result consumed.
 */
export async function runPipeline(brokers: string[], events: number, concurrency: number, runId: string): Promise<PipelineRun> {
  const databases: FreshDatabase[] = [];
  const processes: ServiceProcess[] = [];
  try {
    for (const name of SERVICES) {
      const database = await createFreshDatabase(`${runId}_${name.replace('-', '_')}`);
      databases.push(database);
      processes.push(
        await startServiceProcess(
          name,
          {
            KAFKA_BROKERS: brokers.join(','),
            KAFKA_GROUP_ID: `${runId}-${name}`,
            DATABASE_URL: database.url,
            LOG_LEVEL: 'warn',
            INGEST_HTTP_PORT: '0',
            CHURN_SCORER_HTTP_PORT: '0',
            CHURN_GRPC_PORT: '0',
            ORCHESTRATOR_HTTP_PORT: '0',
            NOTIFIER_HTTP_PORT: '0',
            AB_HOLDOUT_PERCENT: '0',
            DAILY_DISCOUNT_BUDGET_CENTS: '100000000',
          },
          new RegExp(`^${name} (listening|consuming)`),
        ),
      );
    }
    const ingestUrl = /listening on (http:\/\/\S+)/.exec(processes[0].readyLine)![1];
    const results = await collectMessages(brokers, Topics.CampaignResult, { groupId: `${runId}-results` });
    const sentAt = new Map<string, number>();
    let rejected = 0;
    let next = 0;
    const started = Date.now();
    const worker = async () => {
      while (next < events) {
        const index = next++;
        const customerId = `${runId}-c${index}`;
        sentAt.set(customerId, Date.now());
        const response = await fetch(`${ingestUrl}/webhook/customer-updated`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ customer_id: customerId, event: 'purchase_made', data: { order_id: `o${index}`, amount: 20 + (index % 50), email: `c${index}@example.com` } }),
        });
        if (response.status !== 202) rejected += 1;
        await response.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const mine = () => results.messages.filter((message) => message.key !== null && sentAt.has(message.key));
    await waitFor(() => mine().length >= events - rejected, { timeoutMs: 300_000, intervalMs: 200, description: `${events} campaign-results` });
    const seconds = (Date.now() - started) / 1000;
    const latenciesMs = mine().map((message) => message.receivedAt - sentAt.get(message.key!)!);
    await results.stop();
    return { events, seconds, latenciesMs, rejected };
  } finally {
    await Promise.all(processes.map((service) => service.stop()));
    await Promise.all(databases.map((database) => database.drop()));
  }
}
