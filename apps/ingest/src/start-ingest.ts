import { startService, type RunningService, type Runtime } from '@syncengage/runtime';
import type { IngestConfig } from './config';
import { IngestModule } from './ingest.module';

/** Ingest only produces; it owns no tables yet (CRM sync checkpoints arrive with the connectors). */
export async function startIngest(config: IngestConfig, runtime: Runtime, now?: () => Date): Promise<RunningService> {
  return startService(
    {
      name: 'ingest',
      module: IngestModule.register({ config, publisher: runtime.publisher, now }),
      migrations: [],
      httpPort: config.httpPort,
      logLevel: config.infrastructure.logLevel,
      consumes: false,
      jsonBodyLimitBytes: config.webhookMaxBytes,
    },
    runtime,
  );
}
