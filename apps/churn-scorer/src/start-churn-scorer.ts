import { Logger } from '@nestjs/common';
import { startService, type RunningService, type Runtime } from '@syncengage/runtime';
import { ChurnScorerGrpcServer } from './adapters/grpc/churn-scorer.grpc-server';
import { RescoreQuietCustomers } from './application/rescore-quiet-customers';
import { CHURN_SCORER_MIGRATIONS } from './adapters/postgres/migrations';
import type { ReloadableModelProvider } from './adapters/model/reloadable-model-provider';
import { startServingModel } from './adapters/model/serve-model';
import { ChurnScorerModule } from './churn-scorer.module';
import type { ChurnScorerConfig, ModelReloadMode } from './config';

export interface RunningChurnScorer extends RunningService {
  grpcAddress: string;
  /** The model serving now, and the hot-swap machinery behind it (reload(), lastRejection). */
  models: ReloadableModelProvider;
  /** What reloads the model: CHURN_MODEL_RELOAD, or `off` for the recency rule. */
  modelReload: ModelReloadMode;
  /** Runs one rescoring sweep now (the embedded replay calls it once per simulated day). */
  rescoreQuietCustomers(): Promise<number>;
}

export async function startChurnScorer(config: ChurnScorerConfig, runtime: Runtime, now?: () => Date): Promise<RunningChurnScorer> {
  const serving = await startServingModel(config, new Logger('ChurnModel'));
  let service: RunningService;
  try {
    service = await startService(
      {
        name: 'churn-scorer',
        module: ChurnScorerModule.register({ config, publisher: runtime.publisher, db: runtime.db, models: serving.provider, consumerGroup: runtime.consumerGroup, now }),
        migrations: CHURN_SCORER_MIGRATIONS,
        httpPort: config.httpPort,
        logLevel: config.infrastructure.logLevel,
        consumes: true,
      },
      runtime,
    );
  } catch (error) {
    serving.stop();
    throw error;
  }
  const grpcPort = service.app.get(ChurnScorerGrpcServer).port;
  const rescore = service.app.get(RescoreQuietCustomers);
  return {
    ...service,
    grpcAddress: `127.0.0.1:${grpcPort}`,
    models: serving.provider,
    modelReload: serving.reloads,
    rescoreQuietCustomers: () => rescore.execute(),
    close: async () => {
      serving.stop();
      await service.close();
    },
  };
}
