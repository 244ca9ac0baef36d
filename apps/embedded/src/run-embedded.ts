import { PgliteSqlClient } from '@syncengage/db';
import { InProcessBus } from '@syncengage/kafka';
import { createRuntime, type RunningService } from '@syncengage/runtime';
import { loadIngestConfig, startIngest } from '@syncengage/ingest';
import { loadChurnScorerConfig, startChurnScorer } from '@syncengage/churn-scorer';
import { AdvanceJourneys, loadOrchestratorConfig, startOrchestrator } from '@syncengage/orchestrator';
import { loadNotifierConfig, startNotifier } from '@syncengage/notifier';
import { loadConsoleConfig, startConsole } from '@syncengage/console';
import { embeddedServiceEnv, type EmbeddedConfig } from './config';
import { feedSimulatedCustomers, type FeedReport } from './feed-simulated-customers';
import { summarizePipeline, type PipelineSummary } from './pipeline-summary';
import { SimulatedClock } from './simulated-clock';
import { SimulatedEngagement } from './simulate-engagement';

export interface EmbeddedPipeline {
  bus: InProcessBus;
  db: PgliteSqlClient;
  clock: SimulatedClock;
  webhookUrl: string;
  outboxUrl: string;
  grpcAddress: string;
  /** The web console and its API, recording the bus like the other services' consumers. */
  consoleUrl: string;
  /** Sign-in key for the console: from CONSOLE_API_KEYS (its first key), or generated for this run. */
  consoleKey: string;
  services: RunningService[];
  summarize(): Promise<PipelineSummary>;
  replay(onDay?: (done: number, total: number, sent: number) => void): Promise<FeedReport>;
  close(): Promise<void>;
}

/**
 * All four services (and the console that records them) in one process, each still its own Nest application with its own config and tables,
 * sharing one in-process bus and one embedded PostgreSQL instead of Kafka and a server.
 */
export async function startEmbeddedPipeline(config: EmbeddedConfig, env: NodeJS.ProcessEnv): Promise<EmbeddedPipeline> {
  const bus = new InProcessBus();
  const db = await PgliteSqlClient.open();
  const end = new Date();
  const clock = new SimulatedClock(new Date(end.getTime() - config.days * 86_400_000));
  const parts = { bus, db };
  // With SENDGRID_WEBHOOK_PUBLIC_KEY set by the user, their key is kept and the simulated recipients stay quiet.
  const engagement =
    (config.openRate ?? 0) > 0 && !env.SENDGRID_WEBHOOK_PUBLIC_KEY
      ? new SimulatedEngagement(db, { openRate: config.openRate ?? 0, clickRate: config.clickRate ?? 0 }, config.seed, clock.now)
      : undefined;
  const serviceEnv = { ...embeddedServiceEnv(env), ...(engagement ? { SENDGRID_WEBHOOK_PUBLIC_KEY: engagement.publicKey } : {}) };

  const ingestConfig = loadIngestConfig(serviceEnv);
  const scorerConfig = loadChurnScorerConfig(serviceEnv);
  const orchestratorConfig = loadOrchestratorConfig(serviceEnv);
  const notifierConfig = loadNotifierConfig(serviceEnv);
  const consoleConfig = loadConsoleConfig(serviceEnv);

  const scorer = await startChurnScorer(scorerConfig, await createRuntime(scorerConfig.infrastructure, parts), clock.now);
  const orchestrator = await startOrchestrator(orchestratorConfig, await createRuntime(orchestratorConfig.infrastructure, parts), clock.now);
  const notifier = await startNotifier(notifierConfig, await createRuntime(notifierConfig.infrastructure, parts), clock.now);
  // The in-process scorer still serves gRPC (CHURN_GRPC_PORT): the console reads the live model's metrics there
  // unless CONSOLE_CHURN_SCORER_ADDRESS points elsewhere.
  const consoleWithScorer = { ...consoleConfig, churnScorerAddress: consoleConfig.churnScorerAddress ?? scorer.grpcAddress };
  const analytics = await startConsole(consoleWithScorer, await createRuntime(consoleConfig.infrastructure, parts), bus);
  const ingest = await startIngest(ingestConfig, await createRuntime(ingestConfig.infrastructure, parts), clock.now);
  const services = [ingest, scorer, orchestrator, notifier, analytics];
  const webhookUrl = `${ingest.url}/webhook/customer-updated`;
  engagement?.attach(`${notifier.url}/webhooks/sendgrid`);
  // Journey timers fire on the simulated clock: each day ends with those due, so a replay's counts do not depend on
  // where the orchestrator's real-time poller happened to be.
  const endOfDay = async () => {
    await scorer.rescoreQuietCustomers();
    await orchestrator.app.get(AdvanceJourneys).fireDue();
    await bus.idle();
    // Recipients read the day's emails; the notifier turns that into opened/clicked results (and later conversions).
    if (engagement) {
      await engagement.endOfDay();
      await bus.idle();
    }
  };

  return {
    bus,
    db,
    clock,
    webhookUrl,
    outboxUrl: `${notifier.url}/outbox`,
    grpcAddress: scorer.grpcAddress,
    consoleUrl: analytics.url,
    consoleKey: consoleConfig.apiKeys[0].key,
    services,
    summarize: () => summarizePipeline(db, bus),
    replay: (onDay) =>
      feedSimulatedCustomers({ webhookUrl, end, customers: config.customers, days: config.days, seed: config.seed, clock, drain: () => bus.idle(), endOfDay, onDay }),
    close: async () => {
      for (const service of services.reverse()) await service.close();
      await db.close();
    },
  };
}
