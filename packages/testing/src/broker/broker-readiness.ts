import { Kafka, logLevel } from 'kafkajs';
import { waitFor } from '../wait-for';

/**
 * Resolves once the broker answers metadata requests and can coordinate consumer groups. A KRaft broker opens
 * its client listener only after the controller has unfenced it, so describeCluster succeeding means produce
 * and createTopics work too. The group coordinator comes later: __consumer_offsets is created by the first
 * group lookup, and until then every new consumer logs "The group coordinator is not available" at ERROR.
 */
export async function waitUntilBrokerServes(brokers: string[], options: { timeoutMs: number; signal: AbortSignal }): Promise<void> {
  // Connection refusals are the expected answer for the first second or two; keep them out of the output.
  const kafka = new Kafka({ clientId: 'test-broker-readiness', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 1_000, retry: { retries: 0 } });
  await waitFor(
    async () => {
      const admin = kafka.admin();
      try {
        await admin.connect();
        await admin.describeCluster();
        await admin.listTopics();
        await admin.describeGroups(['syncengage-readiness']);
        return true;
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
    { description: `the Kafka broker at ${brokers.join(',')} to answer`, timeoutMs: options.timeoutMs, intervalMs: 100, signal: options.signal },
  );
}
