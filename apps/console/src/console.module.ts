import { Module, type DynamicModule } from '@nestjs/common';
import type { SqlClient } from '@syncengage/db';
import { EventConsumer, type EventPublisher } from '@syncengage/kafka';
import { ANALYTICS_STORE, PIPELINE_PROBE, type AnalyticsStore, type PipelineProbe } from './application/ports';
import { RecordEvents } from './application/record-events';
import { DescribeLiveModel } from './application/live-model';
import { GrpcModelInfoSource } from './adapters/grpc/grpc-model-info-source';
import { AnalyticsController } from './adapters/http/analytics.controller';
import { ApiKeyAuth } from './adapters/http/api-key-auth';
import { CampaignsController } from './adapters/http/campaigns.controller';
import { ConsolePagesController } from './adapters/http/console-pages.controller';
import { LiveModelController } from './adapters/http/live-model.controller';
import { OperationsController } from './adapters/http/operations.controller';
import { RolesGuard } from './adapters/http/roles.guard';
import { SECURE_COOKIES, SessionController } from './adapters/http/session.controller';
import { AnalyticsEventsHandler } from './adapters/kafka/analytics-events.handler';
import { PostgresAnalyticsStore } from './adapters/postgres/postgres-analytics-store';
import { PostgresCampaignQueries } from './adapters/postgres/postgres-campaign-queries';
import { PostgresChurnQueries } from './adapters/postgres/postgres-churn-queries';
import { PostgresCustomerQueries } from './adapters/postgres/postgres-customer-queries';
import { PostgresFunnelQueries } from './adapters/postgres/postgres-funnel-queries';
import type { ConsoleConfig } from './config';

export interface ConsoleDependencies {
  config: ConsoleConfig;
  publisher: EventPublisher;
  db: SqlClient;
  consumerGroup: string;
  probe: PipelineProbe;
}

@Module({})
export class ConsoleModule {
  static register({ config, publisher, db, consumerGroup, probe }: ConsoleDependencies): DynamicModule {
    return {
      module: ConsoleModule,
      controllers: [AnalyticsEventsHandler, AnalyticsController, CampaignsController, OperationsController, SessionController, ConsolePagesController, LiveModelController],
      providers: [
        { provide: ANALYTICS_STORE, useFactory: () => new PostgresAnalyticsStore(db) },
        { provide: PIPELINE_PROBE, useValue: probe },
        { provide: RecordEvents, inject: [ANALYTICS_STORE], useFactory: (store: AnalyticsStore) => new RecordEvents(store) },
        { provide: EventConsumer, useFactory: () => new EventConsumer(publisher, { consumerGroup, maxAttempts: config.infrastructure.maxAttempts }) },
        { provide: PostgresFunnelQueries, useFactory: () => new PostgresFunnelQueries(db, { dailyBudgetCents: config.dailyBudgetCents, timeZone: config.budgetTimeZone, attributionDays: config.attributionDays }) },
        { provide: PostgresChurnQueries, useFactory: () => new PostgresChurnQueries(db) },
        { provide: GrpcModelInfoSource, useFactory: () => (config.churnScorerAddress ? new GrpcModelInfoSource(config.churnScorerAddress) : null) },
        { provide: DescribeLiveModel, inject: [GrpcModelInfoSource], useFactory: (source: GrpcModelInfoSource | null) => new DescribeLiveModel(source ?? undefined, config.modelInfoCacheMs) },
        { provide: PostgresCampaignQueries, useFactory: () => new PostgresCampaignQueries(db, config.orchestratorUrl) },
        { provide: PostgresCustomerQueries, useFactory: () => new PostgresCustomerQueries(db) },
        { provide: ApiKeyAuth, useFactory: () => new ApiKeyAuth(config.apiKeys) },
        { provide: SECURE_COOKIES, useValue: config.secureCookies },
        RolesGuard,
      ],
    };
  }
}
