import { PgliteSqlClient } from '@syncengage/db';
import { InProcessBus } from '@syncengage/kafka';
import { createRuntime, type RunningService } from '@syncengage/runtime';
import { loadIngestConfig, startIngest } from '@syncengage/ingest';
import { loadChurnScorerConfig, startChurnScorer } from '@syncengage/churn-scorer';
import { loadOrchestratorConfig, startOrchestrator } from '@syncengage/orchestrator';
import { loadNotifierConfig, startNotifier } from '@syncengage/notifier';
import { embeddedServiceEnv, type EmbeddedConfig } from './config';
import { feedSimulatedCustomers, type FeedReport } from './feed-simulated-customers';
import { summarizePipeline, type PipelineSummary } from './pipeline-summary';
import { SimulatedClock } from './simulated-clock';

export interface EmbeddedPipeline {
  bus: InProcessBus;
  db: PgliteSqlClient;
  clock: SimulatedClock;
  webhookUrl: string;
  outboxUrl: string;
  grpcAddress: string;
  services: RunningService[];
  summarize(): Promise<PipelineSummary>;
  replay(onDay?: (done: number, total: number, sent: number) => void): Promise<FeedReport>;
  close(): Promise<void>;
}

/**
 * All four services in one process, each still its own Nest application with its own config and tables,
 * sharing one in-process bus and one embedded PostgreSQL instead of Kafka and a server.
 */
export async function startEmbeddedPipeline(config: EmbeddedConfig, env: NodeJS.ProcessEnv): Promise<EmbeddedPipeline> {
  const serviceEnv = embeddedServiceEnv(env);
  const bus = new InProcessBus();
  const db = await PgliteSqlClient.open();
  const end = new Date();
  const clock = new SimulatedClock(new Date(end.getTime() - config.days * 86_400_000));
  const parts = { bus, db };

  const ingestConfig = loadIngestConfig(serviceEnv);
  const scorerConfig = loadChurnScorerConfig(serviceEnv);
  const orchestratorConfig = loadOrchestratorConfig(serviceEnv);
  const notifierConfig = loadNotifierConfig(serviceEnv);

  const scorer = await startChurnScorer(scorerConfig, await createRuntime(scorerConfig.infrastructure, parts), clock.now);
  const orchestrator = await startOrchestrator(orchestratorConfig, await createRuntime(orchestratorConfig.infrastructure, parts), clock.now);
  const notifier = await startNotifier(notifierConfig, await createRuntime(notifierConfig.infrastructure, parts), clock.now);
  const ingest = await startIngest(ingestConfig, await createRuntime(ingestConfig.infrastructure, parts), clock.now);
  const services = [ingest, scorer, orchestrator, notifier];
  const webhookUrl = `${ingest.url}/webhook/customer-updated`;

  return {
    bus,
    db,
    clock,
    webhookUrl,
    outboxUrl: `${notifier.url}/outbox`,
    grpcAddress: scorer.grpcAddress,
    services,
    summarize: () => summarizePipeline(db, bus),
    replay: (onDay) =>
      feedSimulatedCustomers({ webhookUrl, end, customers: config.customers, days: config.days, seed: config.seed, clock, drain: () => bus.idle(), endOfDay: () => scorer.rescoreQuietCustomers(), onDay }),
    close: async () => {
      for (const service of services.reverse()) await service.close();
      await db.close();
    },
  };
}
