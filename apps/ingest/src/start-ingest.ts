import { newEventId } from '@syncengage/contracts';
import { startService, type RunningService, type Runtime } from '@syncengage/runtime';
import { SyncCrm } from './application/sync-crm';
import { createConnector } from './adapters/connectors/create-connector';
import { ShopifyConnector } from './adapters/connectors/shopify/shopify-connector';
import { INGEST_MIGRATIONS } from './adapters/postgres/migrations';
import { PostgresSyncCheckpoints } from './adapters/postgres/postgres-sync-checkpoints';
import { SyncScheduler } from './adapters/schedule/sync-scheduler';
import type { IngestConfig } from './config';
import { IngestModule } from './ingest.module';

/**
 * Ingest mostly produces. Its tables remember webhook deliveries already taken, which customer placed an
 * order, and where each CRM sync stopped. With a CRM configured, incremental syncs run on a schedule (and on
 * LISTEN/NOTIFY pushes for PostgreSQL). With Shopify and SHOPIFY_WRITE_SEGMENT_TAGS, it also consumes
 * segment-changed, in its own consumer group, to tag the Shopify customer with the segment.
 */
export async function startIngest(config: IngestConfig, runtime: Runtime, now?: () => Date): Promise<RunningService> {
  const connector = config.crm ? createConnector(config) : undefined;
  const tagStore = config.shopifySource.writeSegmentTags && connector instanceof ShopifyConnector ? connector : undefined;
  const service = await startService(
    {
      name: 'ingest',
      module: IngestModule.register({
        config,
        publisher: runtime.publisher,
        db: runtime.db,
        now,
        segmentTags: tagStore && { crm: tagStore, consumerGroup: runtime.consumerGroup },
      }),
      migrations: INGEST_MIGRATIONS,
      httpPort: config.httpPort,
      logLevel: config.infrastructure.logLevel,
      consumes: tagStore !== undefined,
      jsonBodyLimitBytes: config.webhookMaxBytes,
    },
    runtime,
  );
  if (!connector) return service;
  const scheduler = new SyncScheduler(connector, new SyncCrm(connector, new PostgresSyncCheckpoints(runtime.db), runtime.publisher, newEventId), config.sync.intervalMs);
  await scheduler.start().catch(async (error) => {
    await service.close();
    throw error;
  });
  return { ...service, close: async () => { await scheduler.stop(); await service.close(); } };
}
