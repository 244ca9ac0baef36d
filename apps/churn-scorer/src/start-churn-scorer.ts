import { startService, type RunningService, type Runtime } from '@syncengage/runtime';
import type { ModelProvider } from './application/ports';
import { ChurnScorerGrpcServer } from './adapters/grpc/churn-scorer.grpc-server';
import { RescoreQuietCustomers } from './application/rescore-quiet-customers';
import { CHURN_SCORER_MIGRATIONS } from './adapters/postgres/migrations';
import { loadModelProvider } from './adapters/model/load-model-provider';
import { ChurnScorerModule } from './churn-scorer.module';
import type { ChurnScorerConfig } from './config';

export interface RunningChurnScorer extends RunningService {
  grpcAddress: string;
  models: ModelProvider;
  /** Runs one rescoring sweep now (the embedded replay calls it once per simulated day). */
  rescoreQuietCustomers(): Promise<number>;
}

export async function startChurnScorer(config: ChurnScorerConfig, runtime: Runtime, now?: () => Date): Promise<RunningChurnScorer> {
  const models = await loadModelProvider(config);
  const service = await startService(
    {
      name: 'churn-scorer',
      module: ChurnScorerModule.register({ config, publisher: runtime.publisher, db: runtime.db, models, consumerGroup: runtime.consumerGroup, now }),
      migrations: CHURN_SCORER_MIGRATIONS,
      httpPort: config.httpPort,
      logLevel: config.infrastructure.logLevel,
      consumes: true,
    },
    runtime,
  );
  const grpcPort = service.app.get(ChurnScorerGrpcServer).port;
  const rescore = service.app.get(RescoreQuietCustomers);
  return { ...service, grpcAddress: `127.0.0.1:${grpcPort}`, models, rescoreQuietCustomers: () => rescore.execute() };
}
