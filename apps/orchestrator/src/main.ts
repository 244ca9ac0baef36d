import { createRuntime, runMain } from '@syncengage/runtime';
import { loadOrchestratorConfig } from './config';
import { startOrchestrator } from './start-orchestrator';

runMain('orchestrator', async () => {
  const config = loadOrchestratorConfig(process.env);
  const runtime = await createRuntime(config.infrastructure);
  await startOrchestrator(config, runtime);
  process.stdout.write(`orchestrator consuming churn-scored and campaign-result (${runtime.mode}), daily budget ${config.dailyBudgetCents}c\n`);
});
