import { createRuntime, runMain } from '@syncengage/runtime';
import { loadNotifierConfig } from './config';
import { startNotifier } from './start-notifier';

runMain('notifier', async () => {
  const config = loadNotifierConfig(process.env);
  const runtime = await createRuntime(config.infrastructure);
  const service = await startNotifier(config, runtime);
  process.stdout.write(`notifier consuming message-requested (${runtime.mode}), providers ${service.providers}, outbox at ${service.url}/outbox\n`);
});
