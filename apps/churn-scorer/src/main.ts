import { createRuntime, runMain } from '@syncengage/runtime';
import { loadChurnScorerConfig } from './config';
import { startChurnScorer } from './start-churn-scorer';

runMain('churn-scorer', async () => {
  const config = loadChurnScorerConfig(process.env);
  const runtime = await createRuntime(config.infrastructure);
  const service = await startChurnScorer(config, runtime);
  const model = service.models.current();
  process.stdout.write(
    `churn-scorer consuming customer-updated (${runtime.mode}), gRPC on ${service.grpcAddress}, model ${model.modelVersion} (reload: ${service.modelReload})\n`,
  );
});
