import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createChurnScorerClient, decodeChurnScored, newEventId, Topics, type ChurnScorerClient, type ScoreRequest } from '@syncengage/contracts';
import { openDatabase, type SqlClient } from '@syncengage/db';
import { InProcessBus } from '@syncengage/kafka';
import { createRuntime, type Runtime } from '@syncengage/runtime';
import { createFreshDatabase, waitFor, type FreshDatabase } from '@syncengage/testing';
import { BUNDLED_MODEL_PATH, loadChurnScorerConfig } from '../src/config';
import type { ModelArtifact } from '../src/domain/model-artifact';
import { startChurnScorer, type RunningChurnScorer } from '../src/start-churn-scorer';
import { getModelInfo, score } from './support/grpc-calls';
import { startScoreLoad } from './support/score-load';
import { trainSmallModel } from './support/small-model';

const DAY_MS = 86_400_000;
const WORKERS = 8;
/** Built by `npm run build` (turbo builds a workspace before its tests). */
const MAIN_JS = resolve(__dirname, '../dist/main.js');

interface Scorer {
  database: FreshDatabase;
  db: SqlClient;
  bus: InProcessBus;
  runtime: Runtime;
  scorer: RunningChurnScorer;
  client: ChurnScorerClient;
}

/** A scorer serving the model file at `modelPath`, over its own database and an in-process bus the test can read. */
async function startScorer(modelPath: string, env: Record<string, string>): Promise<Scorer> {
  const database = await createFreshDatabase('scorer_hot_swap');
  const config = loadChurnScorerConfig({ DATABASE_URL: database.url, CHURN_MODEL_PATH: modelPath, CHURN_GRPC_PORT: '0', CHURN_SCORER_HTTP_PORT: '0', LOG_LEVEL: 'error', ...env });
  const bus = new InProcessBus();
  const db = await openDatabase(database.url);
  const runtime = await createRuntime(config.infrastructure, { bus, db });
  const scorer = await startChurnScorer(config, runtime);
  return { database, db, bus, runtime, scorer, client: createChurnScorerClient(scorer.grpcAddress) };
}

async function stopScorer(running: Scorer | undefined): Promise<void> {
  running?.client.close();
  await running?.scorer.close();
  await running?.db.close();
  await running?.database.drop();
}

function purchase(runtime: Runtime, customerId: string, daysAgo: number): Promise<void> {
  return runtime.publisher.publish(
    Topics.CustomerUpdated,
    {
      eventId: newEventId(),
      eventType: 'customer-updated',
      schemaVersion: 1,
      occurredAt: new Date().toISOString(),
      customerId,
      source: 'test',
      change: 'purchase_made',
      purchase: { orderId: `o-${newEventId()}`, amountCents: 4_000, currency: 'EUR', orderedAt: new Date(Date.now() - daysAgo * DAY_MS).toISOString() },
      profile: {},
      attributes: {},
    },
    'trace',
  );
}

/** Replaces the file the way careful deployers do: write beside it, then rename over it in one step. */
async function replaceAtomically(path: string, contents: string): Promise<void> {
  await writeFile(`${path}.tmp`, contents);
  await rename(`${path}.tmp`, path);
}

describe('model hot swap, watching the model file', () => {
  let directory: string;
  let modelPath: string;
  let bundled: ModelArtifact;
  let retrained: ModelArtifact;
  let running: Scorer;
  const requests: Partial<ScoreRequest>[] = [];

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'churn-hot-swap-'));
    modelPath = join(directory, 'model.json');
    await copyFile(BUNDLED_MODEL_PATH, modelPath);
    bundled = JSON.parse(await readFile(BUNDLED_MODEL_PATH, 'utf8')) as ModelArtifact;
    retrained = trainSmallModel({ seed: 7 });
    running = await startScorer(modelPath, { CHURN_MODEL_SETTLE_MS: '50', CHURN_MODEL_POLL_INTERVAL_MS: '200' });
    for (const [i, daysAgo] of [10, 45, 120, 300].entries()) await purchase(running.runtime, `swap-${i}`, daysAgo);
    for (let i = 0; i < 4; i++) {
      await waitFor(() => score(running.client, { customerId: `swap-${i}` }).catch(() => undefined), { description: `customer swap-${i} to be scorable` });
    }
    // Half the traffic by customer id (a database read between reading the model and scoring), half by features.
    const features = Object.fromEntries(bundled.featureNames.map((name, i) => [name, i + 1]));
    for (let i = 0; i < 16; i++) requests.push(i % 2 === 0 ? { customerId: `swap-${(i / 2) % 4}` } : { customerId: `given-${i}`, features: { ...features, recency_days: i * 20 } });
  });

  afterAll(async () => {
    await stopScorer(running);
    await rm(directory, { recursive: true, force: true });
  });

  it('swaps in a retrained model written over the file under load: no call fails, and every client moves to it for good', async () => {
    expect(retrained.modelVersion).not.toBe(bundled.modelVersion);
    const load = startScoreLoad(running.client, requests, WORKERS);
    await waitFor(() => load.calls >= 200, { description: 'traffic on the bundled model' });

    // Written in place, as a plain copy would: the watcher waits for the file to settle before reading it.
    await writeFile(modelPath, JSON.stringify(retrained));
    await waitFor(() => load.latestVersions().every((version) => version === retrained.modelVersion), { description: 'every client to be answered by the retrained model' });
    const callsAtSwap = load.calls;
    await waitFor(() => load.calls >= callsAtSwap + 200, { description: 'traffic on the retrained model' });
    const report = await load.stop();

    expect(report.failures).toEqual([]);
    for (const versions of report.versionsByWorker) expect(versions).toEqual([bundled.modelVersion, retrained.modelVersion]);
    await expect(getModelInfo(running.client)).resolves.toMatchObject({
      modelVersion: retrained.modelVersion,
      training: { source: 'simulated-seed-7.csv', population: retrained.training.population },
    });
  });

  it('publishes churn-scored events carrying the version of the model that scored them', async () => {
    await purchase(running.runtime, 'after-swap', 5);
    const event = await waitFor(
      () => running.bus.messages(Topics.ChurnScored).map((message) => decodeChurnScored(JSON.parse(message.value.toString('utf8')))).find((scored) => scored.customerId === 'after-swap'),
      { description: 'the churn-scored event of a customer scored after the swap' },
    );
    expect(event.modelVersion).toBe(retrained.modelVersion);
  });

  it('keeps serving the current model when the new file is cut short or trained on other features, and takes the next good one', async () => {
    const load = startScoreLoad(running.client, requests, WORKERS);
    await waitFor(() => load.calls >= 100, { description: 'traffic on the retrained model' });

    await writeFile(modelPath, JSON.stringify(bundled).slice(0, 5_000));
    const cutShort = await waitFor(() => running.scorer.models.lastRejection, { description: 'the cut-short file to be rejected' });
    expect(cutShort.detail).toMatch(/^cannot load the churn model from .*model\.json: .*JSON/);

    await replaceAtomically(modelPath, JSON.stringify({ ...bundled, featureSetVersion: 'churn-features/1' }));
    const otherFeatures = await waitFor(() => running.scorer.models.lastRejection?.detail.includes('featureSetVersion') && running.scorer.models.lastRejection, {
      description: 'the model of another feature set to be rejected',
    });
    expect(otherFeatures.detail).toContain('featureSetVersion is "churn-features/1" but this build computes "churn-features/2"');
    expect(load.latestVersions()).toEqual(Array(WORKERS).fill(retrained.modelVersion));

    await replaceAtomically(modelPath, JSON.stringify(bundled));
    await waitFor(() => load.latestVersions().every((version) => version === bundled.modelVersion), { description: 'the next good file to be served' });
    const report = await load.stop();

    expect(report.failures).toEqual([]);
    for (const versions of report.versionsByWorker) expect(versions).toEqual([retrained.modelVersion, bundled.modelVersion]);
    expect(running.scorer.models.lastRejection).toBeUndefined();
  });
});

describe('model reload on SIGHUP, in the service process as production runs it', () => {
  let directory: string;
  let modelPath: string;
  let database: FreshDatabase;
  let service: ChildProcess | undefined;
  let client: ChurnScorerClient | undefined;
  let output = '';

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'churn-sighup-'));
    modelPath = join(directory, 'model.json');
    await copyFile(BUNDLED_MODEL_PATH, modelPath);
    database = await createFreshDatabase('scorer_sighup');
    // A signal must reach a process of its own: jest's workers do not hand signals to the code under test.
    service = spawn(process.execPath, [MAIN_JS], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url, CHURN_MODEL_PATH: modelPath, CHURN_MODEL_RELOAD: 'signal', CHURN_GRPC_PORT: '0', CHURN_SCORER_HTTP_PORT: '0', LOG_LEVEL: 'log' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    service.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const address = await waitFor(() => output.match(/gRPC on (\S+),/)?.[1], { description: `the scorer process to start (${MAIN_JS})`, timeoutMs: 30_000 });
    client = createChurnScorerClient(address);
  });

  afterAll(async () => {
    client?.close();
    if (service && service.exitCode === null) {
      const exited = new Promise((resolve) => service!.once('exit', resolve));
      service.kill('SIGTERM');
      await exited;
    }
    await database?.drop();
    await rm(directory, { recursive: true, force: true });
  });

  it('reads the file again on SIGHUP and goes on serving, where the default would have been to shut down', async () => {
    const bundledVersion = (await getModelInfo(client!)).modelVersion;
    const retrained = trainSmallModel({ seed: 11, customers: 800 });
    await writeFile(modelPath, JSON.stringify(retrained));

    service!.kill('SIGHUP');

    await waitFor(() => getModelInfo(client!).then((info) => info.modelVersion === retrained.modelVersion), { description: `SIGHUP to swap the model (output: ${output})` });
    expect(retrained.modelVersion).not.toBe(bundledVersion);
    const features = Object.fromEntries(retrained.featureNames.map((name) => [name, 1]));
    await expect(score(client!, { features })).resolves.toMatchObject({ modelVersion: retrained.modelVersion });
    expect(service!.exitCode).toBeNull();
    expect(output).toContain(`now serving model ${retrained.modelVersion} (was ${bundledVersion})`);
  });
});
