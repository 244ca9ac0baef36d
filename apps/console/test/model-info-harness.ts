import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ALL_DEAD_LETTER_TOPICS, ALL_TOPICS, newEventId, Topics, type ChurnScored } from '@syncengage/contracts';
import { PgSqlClient } from '@syncengage/db';
import { InProcessBus } from '@syncengage/kafka';
import { createRuntime, type Runtime } from '@syncengage/runtime';
import { createFreshDatabase, createTestKafka, createTopics, startServiceProcess, testKafkaBrokers, waitFor, type FreshDatabase, type ServiceProcess } from '@syncengage/testing';
import { loadConsoleConfig, startConsole, type RunningConsole } from '../src';
import { KEYS } from './console-harness';

/** The model the churn scorer ships with; tests serve copies of it under versions of their own. */
export const BUNDLED_MODEL_PATH = resolve(__dirname, '../../churn-scorer/models/default-model.json');

const SCORER_MAIN_JS = resolve(__dirname, '../../churn-scorer/dist/main.js');

export interface Artifact {
  modelVersion: string;
  createdAt: string;
  featureSetVersion: string;
  featureNames: string[];
  horizonDays: number;
  training: { dataSha256: string; source: string; cutoffDate: string; population: number; churnRate: number };
  metrics: Record<string, number>;
}

/** The bundled artifact as `modelVersion`, with `metrics` overriding its own; written beside, then renamed over `path`. */
export async function writeArtifact(path: string, modelVersion: string, metrics: Record<string, number> = {}): Promise<Artifact> {
  const artifact = JSON.parse(await readFile(BUNDLED_MODEL_PATH, 'utf8')) as Artifact;
  const written = { ...artifact, modelVersion, metrics: { ...artifact.metrics, ...metrics } };
  await writeFile(`${path}.tmp`, JSON.stringify(written));
  await rename(`${path}.tmp`, path);
  return written;
}

export interface ScorerProcess {
  /** host:port of its gRPC server. */
  address: string;
  stop(): Promise<void>;
}

/**
 * The real churn scorer, `node apps/churn-scorer/dist/main.js` as production runs it (its own database, the test
 * broker), serving the model file at `modelPath` and watching it for a hot swap.
 */
export async function startScorerProcess(modelPath: string): Promise<ScorerProcess> {
  // The console does not depend on the scorer, so turbo does not build it before these tests.
  if (!existsSync(SCORER_MAIN_JS)) throw new Error(`${SCORER_MAIN_JS} is missing: npm run build -w @syncengage/churn-scorer first`);
  // Production creates the topics before the services start (compose's kafka-init); a fresh test broker has none.
  await createMissingTopics([...ALL_TOPICS, ...ALL_DEAD_LETTER_TOPICS]);
  const database: FreshDatabase = await createFreshDatabase('console_scorer');
  let scorer: ServiceProcess;
  try {
    scorer = await startServiceProcess(
      'churn-scorer',
      {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_GROUP_ID: `console-test-scorer-${newEventId()}`,
        CHURN_GRPC_PORT: '0',
        CHURN_SCORER_HTTP_PORT: '0',
        CHURN_MODEL_PATH: modelPath,
        CHURN_MODEL_RELOAD: 'watch',
        CHURN_MODEL_POLL_INTERVAL_MS: '100',
        CHURN_MODEL_SETTLE_MS: '50',
        CHURN_RESCORE_INTERVAL_MS: '0',
        LOG_LEVEL: 'error',
      },
      /^churn-scorer consuming/,
    );
  } catch (error) {
    await database.drop();
    throw error;
  }
  const address = /gRPC on (\S+),/.exec(scorer.readyLine)?.[1];
  if (!address) throw new Error(`no gRPC address in the scorer's start-up line: ${scorer.readyLine}`);
  return {
    address,
    stop: async () => {
      await scorer.stop();
      await database.drop();
    },
  };
}

/** Test files share one broker: a second file creating the same topics would only log errors. */
async function createMissingTopics(topics: string[]): Promise<void> {
  const admin = createTestKafka(testKafkaBrokers(), 'console-test-admin').admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics().finally(() => admin.disconnect()));
  const missing = topics.filter((topic) => !existing.has(topic));
  if (missing.length > 0) await createTopics(testKafkaBrokers(), missing);
}

export interface ConsoleUnderTest {
  console: RunningConsole;
  runtime: Runtime;
  /** GET with the viewer key; throws on anything but 200. */
  get<T>(path: string): Promise<T>;
  /** churn-scored events as the scorer would publish them, recorded by the console's own consumer. */
  recordScores(scores: Array<{ customerId: string; modelVersion: string; score: number }>): Promise<void>;
  close(): Promise<void>;
}

/** The console on the in-process bus over a fresh database, with `env` on top of test defaults. */
export async function startConsoleWith(prefix: string, env: Record<string, string>): Promise<ConsoleUnderTest> {
  const database = await createFreshDatabase(prefix);
  const db = new PgSqlClient(database.url);
  const bus = new InProcessBus({ redeliveryDelayMs: 20 });
  const config = loadConsoleConfig({
    CONSOLE_HTTP_PORT: '0',
    LOG_LEVEL: 'error',
    CONSOLE_API_KEYS: Object.entries(KEYS).map(([role, key]) => `${key}:${role}`).join(','),
    ...env,
  });
  const runtime = await createRuntime(config.infrastructure, { bus, db });
  const running = await startConsole(config, runtime, bus);
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${running.url}${path}`, { headers: { 'x-api-key': KEYS.viewer } });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    console: running,
    runtime,
    get,
    recordScores: async (scores) => {
      for (const { customerId, modelVersion, score } of scores) {
        const event: ChurnScored = {
          eventId: newEventId(), occurredAt: new Date().toISOString(), customerId, eventType: 'churn-scored', schemaVersion: 1,
          score, band: score >= 0.7 ? 'high' : score >= 0.4 ? 'medium' : 'low', modelVersion, horizonDays: 90,
          rfm: { recencyDays: 10, frequency: 2, monetaryTotalCents: 5000, tenureDays: 100 }, profile: {}, trigger: 'purchase_made',
        };
        await runtime.publisher.publish(Topics.ChurnScored, event, 'model-info-test');
      }
      await bus.idle();
      await waitFor(async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM console_events WHERE event_type = 'churn-scored'")).rows[0].n >= scores.length, {
        description: 'the scores recorded',
      });
    },
    close: async () => {
      await running.close();
      await db.close();
      await database.drop();
    },
  };
}
