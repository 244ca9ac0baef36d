import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { newEventId } from '@syncengage/contracts';
import { migrate } from '@syncengage/db';
import { createRuntime } from '@syncengage/runtime';
import { SyncCrm } from '../application/sync-crm';
import { ConnectorError } from '../application/connector-errors';
import { createConnector } from '../adapters/connectors/create-connector';
import { INGEST_MIGRATIONS } from '../adapters/postgres/migrations';
import { PostgresSyncCheckpoints } from '../adapters/postgres/postgres-sync-checkpoints';
import { loadIngestConfig } from '../config';

/**
 * `npm run import -w @syncengage/ingest` — a one-off full import of the configured CRM (resuming an
 * unfinished one), or with --changes one incremental sync. Same variables as the service.
 */
async function main(): Promise<void> {
  const options = new Command('syncengage-import')
    .option('--changes', 'run one incremental sync instead of the full import')
    .parse()
    .opts<{ changes?: boolean }>();
  const config = loadIngestConfig(process.env);
  const runtime = await createRuntime(config.infrastructure);
  const connector = createConnector(config);
  const bar = new SingleBar({ format: '{stream} [{bar}] {value}/{total} records | {rate}/s', hideCursor: true }, Presets.shades_classic);
  const startedAt = Date.now();
  try {
    await migrate(runtime.db, 'ingest', INGEST_MIGRATIONS);
    await connector.connect();
    let current = '';
    const report = await new SyncCrm(connector, new PostgresSyncCheckpoints(runtime.db), runtime.publisher, newEventId).run(options.changes ? 'changes' : 'import', (progress) => {
      const rate = Math.round(progress.published / Math.max((Date.now() - startedAt) / 1000, 0.001));
      if (progress.stream !== current) {
        if (current) bar.stop();
        current = progress.stream;
        bar.start(progress.total ?? progress.published, 0, { stream: progress.stream, rate });
      }
      bar.setTotal(Math.max(progress.total ?? 0, progress.published));
      bar.update(progress.published, { rate });
    });
    bar.stop();
    const seconds = (Date.now() - startedAt) / 1000;
    process.stdout.write(`${connector.provider}: ${report.published} records in ${report.pages} pages, ${seconds.toFixed(1)} s (${Math.round(report.published / Math.max(seconds, 0.001))}/s)\n`);
  } finally {
    bar.stop();
    await connector.close();
    await runtime.close();
  }
}

main().catch((error) => {
  process.stderr.write(`import failed: ${error instanceof ConnectorError || error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConnectorError && !error.retryable ? 2 : 1);
});
