import { Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { SqlClient } from '@syncengage/db';
import { EventConsumer, type EventPublisher } from '@syncengage/kafka';
import { CUSTOMER_STATE_STORE, MODEL_PROVIDER, type CustomerStateStore, type ModelProvider } from './application/ports';
import { ScoreCustomer } from './application/score-customer';
import { ScoreOnDemand } from './application/score-on-demand';
import { ExplainScore } from './application/explain-score';
import { DescribeModel } from './application/describe-model';
import { OnDemandFeatures } from './application/on-demand-features';
import { RescoreQuietCustomers } from './application/rescore-quiet-customers';
import { ChurnScorerGrpcServer } from './adapters/grpc/churn-scorer.grpc-server';
import { CustomerUpdatedHandler } from './adapters/kafka/customer-updated.handler';
import { PostgresCustomerStateStore } from './adapters/postgres/postgres-customer-state.store';
import type { ChurnScorerConfig } from './config';
import { CHURN_SCORER_CONFIG } from './tokens';

export interface ChurnScorerDependencies {
  config: ChurnScorerConfig;
  publisher: EventPublisher;
  db: SqlClient;
  models: ModelProvider;
  consumerGroup: string;
  now?: () => Date;
}

@Module({})
export class ChurnScorerModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RescoreQuietCustomers');
  private rescoreTimer?: NodeJS.Timeout;

  constructor(
    private readonly grpcServer: ChurnScorerGrpcServer,
    private readonly rescore: RescoreQuietCustomers,
    @Inject(CHURN_SCORER_CONFIG) private readonly config: ChurnScorerConfig,
  ) {}

  static register(dependencies: ChurnScorerDependencies): DynamicModule {
    const now = dependencies.now ?? (() => new Date());
    const { config } = dependencies;
    return {
      module: ChurnScorerModule,
      controllers: [CustomerUpdatedHandler],
      providers: [
        { provide: CHURN_SCORER_CONFIG, useValue: config },
        { provide: MODEL_PROVIDER, useValue: dependencies.models },
        { provide: CUSTOMER_STATE_STORE, useFactory: () => new PostgresCustomerStateStore(dependencies.db) },
        {
          provide: EventConsumer,
          useFactory: () =>
            new EventConsumer(dependencies.publisher, { consumerGroup: dependencies.consumerGroup, maxAttempts: config.infrastructure.maxAttempts }),
        },
        {
          provide: ScoreCustomer,
          inject: [CUSTOMER_STATE_STORE, MODEL_PROVIDER],
          useFactory: (store: CustomerStateStore, models: ModelProvider) => new ScoreCustomer(store, models, dependencies.publisher, config.thresholds, now),
        },
        { provide: OnDemandFeatures, inject: [CUSTOMER_STATE_STORE], useFactory: (store: CustomerStateStore) => new OnDemandFeatures(store, now) },
        {
          provide: ScoreOnDemand,
          inject: [MODEL_PROVIDER, OnDemandFeatures],
          useFactory: (models: ModelProvider, features: OnDemandFeatures) => new ScoreOnDemand(models, features, config.thresholds),
        },
        {
          provide: ExplainScore,
          inject: [MODEL_PROVIDER, OnDemandFeatures],
          useFactory: (models: ModelProvider, features: OnDemandFeatures) => new ExplainScore(models, features, config.thresholds),
        },
        { provide: DescribeModel, inject: [MODEL_PROVIDER], useFactory: (models: ModelProvider) => new DescribeModel(models, config.thresholds) },
        {
          provide: RescoreQuietCustomers,
          inject: [CUSTOMER_STATE_STORE, MODEL_PROVIDER],
          useFactory: (store: CustomerStateStore, models: ModelProvider) =>
            new RescoreQuietCustomers(store, models, dependencies.publisher, config.thresholds, config.rescoreAfterDays, now),
        },
        {
          provide: ChurnScorerGrpcServer,
          inject: [ScoreOnDemand, ExplainScore, DescribeModel, MODEL_PROVIDER],
          useFactory: (scoreOnDemand: ScoreOnDemand, explainScore: ExplainScore, describeModel: DescribeModel, models: ModelProvider) =>
            new ChurnScorerGrpcServer({ scoreOnDemand, explainScore, describeModel }, models),
        },
      ],
      exports: [ChurnScorerGrpcServer, RescoreQuietCustomers],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.grpcServer.start(this.config.grpcPort);
    if (this.config.rescoreIntervalMs > 0) {
      this.rescoreTimer = setInterval(() => {
        this.rescore.execute().catch((error: Error) => this.logger.warn(`sweep failed, will retry: ${error.message}`));
      }, this.config.rescoreIntervalMs);
      this.rescoreTimer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.rescoreTimer) clearInterval(this.rescoreTimer);
    await this.grpcServer.stop();
  }
}
