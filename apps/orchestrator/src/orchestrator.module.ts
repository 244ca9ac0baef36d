import { Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { SqlClient } from '@syncengage/db';
import { EventConsumer, type EventPublisher } from '@syncengage/kafka';
import { DecideForScore } from './application/decide-for-score';
import { CAMPAIGN_CATALOG, CUSTOMER_SIGNALS, DECISION_LEDGER, OUTBOX, type CampaignCatalog, type CustomerSignals, type DecisionLedger, type Outbox } from './application/ports';
import { RecordCampaignResult } from './application/record-campaign-result';
import { ManageCampaigns } from './application/manage-campaigns';
import { SettleBudget } from './application/settle-budget';
import { CampaignsController } from './adapters/http/campaigns.controller';
import { CampaignResultHandler } from './adapters/kafka/campaign-result.handler';
import { ChurnScoredHandler } from './adapters/kafka/churn-scored.handler';
import { PostgresCampaignCatalog } from './adapters/postgres/postgres-campaign-catalog';
import { PostgresCustomerSignals } from './adapters/postgres/postgres-customer-signals';
import { PostgresDecisionLedger } from './adapters/postgres/postgres-decision-ledger';
import { PostgresOutbox } from './adapters/postgres/postgres-outbox';
import type { OrchestratorConfig } from './config';

const ORCHESTRATOR_CONFIG = Symbol('OrchestratorConfig');

export interface OrchestratorDependencies {
  config: OrchestratorConfig;
  publisher: EventPublisher;
  db: SqlClient;
  consumerGroup: string;
  now?: () => Date;
}

@Module({})
export class OrchestratorModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private flushTimer?: NodeJS.Timeout;

  constructor(@Inject(OUTBOX) private readonly outbox: Outbox, @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig) {}

  static register(dependencies: OrchestratorDependencies): DynamicModule {
    const now = dependencies.now ?? (() => new Date());
    const { config } = dependencies;
    return {
      module: OrchestratorModule,
      controllers: [ChurnScoredHandler, CampaignResultHandler, CampaignsController],
      providers: [
        { provide: ORCHESTRATOR_CONFIG, useValue: config },
        { provide: DECISION_LEDGER, useFactory: () => new PostgresDecisionLedger(dependencies.db) },
        { provide: OUTBOX, useFactory: () => new PostgresOutbox(dependencies.db, dependencies.publisher, now) },
        { provide: CUSTOMER_SIGNALS, useFactory: () => new PostgresCustomerSignals(dependencies.db) },
        { provide: CAMPAIGN_CATALOG, useFactory: () => new PostgresCampaignCatalog(dependencies.db) },
        { provide: ManageCampaigns, inject: [CAMPAIGN_CATALOG], useFactory: (catalog: CampaignCatalog) => new ManageCampaigns(catalog) },
        {
          provide: EventConsumer,
          useFactory: () => new EventConsumer(dependencies.publisher, { consumerGroup: dependencies.consumerGroup, maxAttempts: config.infrastructure.maxAttempts }),
        },
        {
          provide: DecideForScore,
          inject: [DECISION_LEDGER, OUTBOX, CAMPAIGN_CATALOG],
          useFactory: (ledger: DecisionLedger, outbox: Outbox, catalog: CampaignCatalog) =>
            new DecideForScore(
              ledger,
              outbox,
              catalog,
              {
                segmentRules: config.segmentRules,
                channelPolicy: config.channelPolicy,
                abTestingEnabled: config.abTestingEnabled,
                holdoutPercent: config.holdoutPercent,
                cooldownMs: config.cooldownHours * 3_600_000,
                guardRails: config.guardRails,
              },
              { dailyCapCents: config.dailyBudgetCents, timeZone: config.budgetTimeZone },
              now,
            ),
        },
        {
          provide: RecordCampaignResult,
          inject: [DECISION_LEDGER, CUSTOMER_SIGNALS],
          useFactory: (ledger: DecisionLedger, signals: CustomerSignals) => new RecordCampaignResult(new SettleBudget(ledger), signals),
        },
      ],
    };
  }

  /** Picks up decisions a crashed instance committed but never published. */
  onApplicationBootstrap(): void {
    const flush = () =>
      this.outbox.flush().catch((error: Error) => this.logger.warn(`outbox flush failed, will retry: ${error.message}`));
    void flush();
    this.flushTimer = setInterval(flush, this.config.outboxFlushIntervalMs);
    this.flushTimer.unref();
  }

  onApplicationShutdown(): void {
    if (this.flushTimer) clearInterval(this.flushTimer);
  }
}
