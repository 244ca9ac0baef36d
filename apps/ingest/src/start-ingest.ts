import { newEventId } from '@syncengage/contracts';
import { startService, type RunningService, type Runtime } from '@syncengage/runtime';
import { SyncCrm } from './application/sync-crm';
import { createConnector } from './adapters/connectors/create-connector';
import { INGEST_MIGRATIONS } from './adapters/postgres/migrations';
import { PostgresSyncCheckpoints } from './adapters/postgres/postgres-sync-checkpoints';
import { SyncScheduler } from './adapters/schedule/sync-scheduler';
import type { IngestConfig } from './config';
import { IngestModule } from './ingest.module';

/**
 * Ingest only produces. Its tables remember webhook deliveries already taken, which customer placed an
 * order, and where each CRM sync stopped. With a CRM configured, incremental syncs run on a schedule (and on
 * LISTEN/NOTIFY pushes for PostgreSQL).
 */
export async function startIngest(config: IngestConfig, runtime: Runtime, now?: () => Date): Promise<RunningService> {
  const service = await startService(
    {
      name: 'ingest',
      module: IngestModule.register({ config, publisher: runtime.publisher, db: runtime.db, now }),
      migrations: INGEST_MIGRATIONS,
      httpPort: config.httpPort,
      logLevel: config.infrastructure.logLevel,
      consumes: false,
      jsonBodyLimitBytes: config.webhookMaxBytes,
    },
    runtime,
  );
  if (!config.crm) return service;
  const connector = createConnector(config);
  const scheduler = new SyncScheduler(connector, new SyncCrm(connector, new PostgresSyncCheckpoints(runtime.db), runtime.publisher, newEventId), config.sync.intervalMs);
  await scheduler.start().catch(async (error) => {
    await service.close();
    throw error;
  });
  return { ...service, close: async () => { await scheduler.stop(); await service.close(); } };
}
