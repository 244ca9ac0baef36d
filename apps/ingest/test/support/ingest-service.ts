import { createRuntime, type RunningService } from '@syncengage/runtime';
import type { MessageCollector } from '@syncengage/testing';
import { loadIngestConfig } from '../../src/config';
import { startIngest } from '../../src/start-ingest';
import { watchCustomerUpdates } from './customer-updates';

/** The ingest service as production wires it, on a database of its own, and what it publishes to customer-updated. */
export interface RunningIngest {
  service: RunningService;
  updates: MessageCollector;
  close(): Promise<void>;
}

/** `env` adds to (or overrides) the settings every such suite shares: the test broker, its database, any free port. */
export async function startIngestService(brokers: string[], databaseName: string, env: Record<string, string>): Promise<RunningIngest> {
  const watched = await watchCustomerUpdates(brokers, databaseName);
  try {
    const config = loadIngestConfig({ KAFKA_BROKERS: brokers.join(','), DATABASE_URL: watched.database.url, INGEST_HTTP_PORT: '0', LOG_LEVEL: 'error', ...env });
    const service = await startIngest(config, await createRuntime(config.infrastructure));
    return {
      service,
      updates: watched.updates,
      close: async () => {
        await service.close();
        await watched.close();
      },
    };
  } catch (error) {
    await watched.close();
    throw error;
  }
}
