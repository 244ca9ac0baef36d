import { createRuntime, runMain } from '@syncengage/runtime';
import { loadIngestConfig } from './config';
import { startIngest } from './start-ingest';

runMain('ingest', async () => {
  const config = loadIngestConfig(process.env);
  const runtime = await createRuntime(config.infrastructure);
  const service = await startIngest(config, runtime);
  process.stdout.write(`ingest listening on ${service.url} (${runtime.mode}, database ${runtime.db.kind})\n`);
});
