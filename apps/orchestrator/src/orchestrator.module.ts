import { Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { SqlClient } from '@syncengage/db';
import { EventConsumer, type EventPublisher } from '@syncengage/kafka';
import { DecideForScore } from './application/decide-for-score';
import { DECISION_LEDGER, OUTBOX, type DecisionLedger, type Outbox } from './application/ports';
import { SettleBudget } from './application/settle-budget';
import { CampaignResultHandler } from './adapters/kafka/campaign-result.handler';
import { ChurnScoredHandler } from './adapters/kafka/churn-scored.handler';
import { PostgresDecisionLedger } from './adapters/postgres/postgres-decision-ledger';
import { PostgresOutbox } from './adapters/postgres/postgres-outbox';
import type { OrchestratorConfig } from './config';
import { DEFAULT_CAMPAIGNS } from './domain/campaigns';

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
      controllers: [ChurnScoredHandler, CampaignResultHandler],
      providers: [
        { provide: ORCHESTRATOR_CONFIG, useValue: config },
        { provide: DECISION_LEDGER, useFactory: () => new PostgresDecisionLedger(dependencies.db) },
        { provide: OUTBOX, useFactory: () => new PostgresOutbox(dependencies.db, dependencies.publisher) },
        {
          provide: EventConsumer,
          useFactory: () => new EventConsumer(dependencies.publisher, { consumerGroup: dependencies.consumerGroup, maxAttempts: config.infrastructure.maxAttempts }),
        },
        {
          provide: DecideForScore,
          inject: [DECISION_LEDGER, OUTBOX],
          useFactory: (ledger: DecisionLedger, outbox: Outbox) =>
            new DecideForScore(
              ledger,
              outbox,
              {
                segmentRules: config.segmentRules,
                channelPolicy: config.channelPolicy,
                campaigns: DEFAULT_CAMPAIGNS,
                abTestingEnabled: config.abTestingEnabled,
                holdoutPercent: config.holdoutPercent,
                cooldownMs: config.cooldownHours * 3_600_000,
              },
              { dailyCapCents: config.dailyBudgetCents, timeZone: config.budgetTimeZone },
              now,
            ),
        },
        { provide: SettleBudget, inject: [DECISION_LEDGER], useFactory: (ledger: DecisionLedger) => new SettleBudget(ledger) },
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
