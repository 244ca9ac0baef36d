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
import { ExitBeforePublish } from './adapters/faults/exit-before-publish';
import { PostgresJourneySegmentLedger } from './adapters/postgres/postgres-journey-segment-ledger';
import { PostgresJourneyStore } from './adapters/postgres/postgres-journey-store';
import { JourneyPoller } from './adapters/schedule/journey-poller';
import { AdvanceJourneys } from './application/advance-journeys';
import { EnrollJourney } from './application/enroll-journey';
import { JOURNEY_STORE, SEGMENT_LEDGER, type JourneyStore, type SegmentLedger } from './application/journey-ports';
import { SendJourneyStep } from './application/send-journey-step';
import { TrackSegment } from './application/track-segment';
import type { OrchestratorConfig } from './config';
import { BANDIT_STORE, EXPERIMENT_STORE, PROMOTION_LOG, type BanditStore, type ExperimentStore, type PromotionLog } from './application/ports';
import { ExperimentResults } from './application/experiment-results';
import { LearnFromResult } from './application/learn-from-result';
import { PromoteWinner } from './application/promote-winner';
import { RecordExperimentOutcome, RecordExperimentPurchase } from './application/record-experiment-outcome';
import { ResultsController } from './adapters/http/results.controller';
import { ExperimentPurchaseHandler } from './adapters/kafka/experiment-purchase.handler';
import { PostgresBanditStore } from './adapters/postgres/postgres-bandit-store';
import { PostgresExperimentStore } from './adapters/postgres/postgres-experiment-store';
import { PostgresPromotionLog } from './adapters/postgres/postgres-experiment-promotions';
import { PromotionScheduler } from './adapters/timers/promotion-scheduler';

const ORCHESTRATOR_CONFIG = Symbol('OrchestratorConfig');

export interface OrchestratorDependencies {
  config: OrchestratorConfig;
  publisher: EventPublisher;
  db: SqlClient;
  consumerGroup: string;
  now?: () => Date;
  /** Thompson sampling's randomness; Math.random unless a test fixes it. */
  random?: () => number;
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
      controllers: [ChurnScoredHandler, CampaignResultHandler, CampaignsController, ResultsController, ExperimentPurchaseHandler],
      providers: [
        { provide: ORCHESTRATOR_CONFIG, useValue: config },
        { provide: DECISION_LEDGER, useFactory: () => new PostgresDecisionLedger(dependencies.db) },
        {
          provide: OUTBOX,
          // The fault hook is for the crash test only (docs/configuration.md): it wraps nothing unless asked to.
          useFactory: () => new PostgresOutbox(dependencies.db, config.fault === 'exit-after-commit' ? new ExitBeforePublish(dependencies.publisher) : dependencies.publisher, now),
        },
        { provide: JOURNEY_STORE, inject: [DECISION_LEDGER], useFactory: (ledger: PostgresDecisionLedger) => new PostgresJourneyStore(dependencies.db, ledger) },
        { provide: SEGMENT_LEDGER, useFactory: () => new PostgresJourneySegmentLedger(dependencies.db) },
        { provide: TrackSegment, inject: [SEGMENT_LEDGER], useFactory: (ledger: SegmentLedger) => new TrackSegment(ledger, config.segmentRules) },
        { provide: EnrollJourney, inject: [JOURNEY_STORE, CAMPAIGN_CATALOG], useFactory: (store: JourneyStore, catalog: CampaignCatalog) => new EnrollJourney(store, catalog) },
        {
          provide: AdvanceJourneys,
          inject: [JOURNEY_STORE],
          useFactory: (store: JourneyStore) => {
            const historyWindowMs = Math.max(config.cooldownHours * 3_600_000, ...config.guardRails.frequencyCaps.map((cap) => cap.windowMs));
            const sendStep = new SendJourneyStep(
              { channelPolicy: config.channelPolicy, guardRails: config.guardRails, historyWindowMs },
              { dailyCapCents: config.dailyBudgetCents, timeZone: config.budgetTimeZone },
            );
            return new AdvanceJourneys(store, sendStep, now);
          },
        },
        { provide: JourneyPoller, inject: [AdvanceJourneys], useFactory: (journeys: AdvanceJourneys) => new JourneyPoller(journeys, config.journeyPollIntervalMs) },
        { provide: CUSTOMER_SIGNALS, useFactory: () => new PostgresCustomerSignals(dependencies.db) },
        { provide: CAMPAIGN_CATALOG, useFactory: () => new PostgresCampaignCatalog(dependencies.db) },
        { provide: BANDIT_STORE, useFactory: () => new PostgresBanditStore(dependencies.db) },
        { provide: EXPERIMENT_STORE, useFactory: () => new PostgresExperimentStore(dependencies.db) },
        { provide: PROMOTION_LOG, useFactory: () => new PostgresPromotionLog(dependencies.db) },
        { provide: RecordExperimentPurchase, inject: [EXPERIMENT_STORE], useFactory: (store: ExperimentStore) => new RecordExperimentPurchase(store) },
        {
          provide: ExperimentResults,
          inject: [CAMPAIGN_CATALOG, EXPERIMENT_STORE, PROMOTION_LOG],
          useFactory: (catalog: CampaignCatalog, store: ExperimentStore, log: PromotionLog) => new ExperimentResults(catalog, store, log, now),
        },
        {
          provide: PromotionScheduler,
          inject: [CAMPAIGN_CATALOG, ExperimentResults, PROMOTION_LOG],
          useFactory: (catalog: CampaignCatalog, results: ExperimentResults, log: PromotionLog) =>
            new PromotionScheduler(new PromoteWinner(catalog, results, log, now), config.experimentEvaluationIntervalMs),
        },
        { provide: ManageCampaigns, inject: [CAMPAIGN_CATALOG], useFactory: (catalog: CampaignCatalog) => new ManageCampaigns(catalog) },
        {
          provide: EventConsumer,
          useFactory: () => new EventConsumer(dependencies.publisher, { consumerGroup: dependencies.consumerGroup, maxAttempts: config.infrastructure.maxAttempts }),
        },
        {
          provide: DecideForScore,
          inject: [DECISION_LEDGER, OUTBOX, CAMPAIGN_CATALOG, BANDIT_STORE, TrackSegment, EnrollJourney],
          useFactory: (ledger: DecisionLedger, outbox: Outbox, catalog: CampaignCatalog, bandits: BanditStore, trackSegment: TrackSegment, enroll: EnrollJourney) =>
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
              { bandits, random: dependencies.random ?? Math.random },
              { trackSegment, enroll },
            ),
        },
        {
          provide: RecordCampaignResult,
          inject: [DECISION_LEDGER, CUSTOMER_SIGNALS, BANDIT_STORE, EXPERIMENT_STORE, AdvanceJourneys],
          useFactory: (ledger: DecisionLedger, signals: CustomerSignals, bandits: BanditStore, experiments: ExperimentStore, journeys: AdvanceJourneys) =>
            new RecordCampaignResult(new SettleBudget(ledger), signals, [
              new LearnFromResult(bandits),
              new RecordExperimentOutcome(experiments),
              { execute: (result) => journeys.onResult(result) },
            ]),
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
