import { ConfigError } from '@syncengage/config';
import { createRuntime, runMain } from '@syncengage/runtime';
import { loadConsoleConfig } from './config';
import { startConsole } from './start-console';

runMain('console', async () => {
  const config = loadConsoleConfig(process.env);
  if (config.infrastructure.kafkaBrokers.length === 0) {
    throw new ConfigError('console', ['KAFKA_BROKERS is required when the console runs on its own (apps/embedded runs it on the in-process bus)']);
  }
  const runtime = await createRuntime(config.infrastructure);
  const service = await startConsole(config, runtime);
  process.stdout.write(`console recording all four topics (${runtime.mode}); web console at ${service.url}, API docs at ${service.url}/api/docs\n`);
  if (config.generatedAdminKey) process.stdout.write(`CONSOLE_API_KEYS is unset: admin key for this run only: ${config.generatedAdminKey}\n`);
});
