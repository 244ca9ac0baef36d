import { Topics } from '@syncengage/contracts';
import { collectMessages, startPipelineProcesses, waitFor } from '@syncengage/testing';

export interface PipelineRun {
  events: number;
  seconds: number;
  latenciesMs: number[];
  rejected: number;
}

/**
 * N customers each make one purchase through the webhook; every one of them is eligible for a message, so
 * each webhook should come back as one campaign-result. Latency is webhook POST → campaign-result consumed.
 */
export async function runPipeline(brokers: string[], events: number, concurrency: number, runId: string): Promise<PipelineRun> {
  const pipeline = await startPipelineProcesses({ brokers, runId, env: { AB_HOLDOUT_PERCENT: '0', DAILY_DISCOUNT_BUDGET_CENTS: '100000000' } });
  try {
    const ingestUrl = pipeline.ingestUrl;
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
    await pipeline.stop();
  }
}
