import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveModelReport } from '../src/application/live-model';
import type { ModelVersionUsage } from '../src/application/read-models';
import { startConsoleWith, startScorerProcess, writeArtifact, type Artifact, type ConsoleUnderTest, type ScorerProcess } from './model-info-harness';
import { waitFor } from '@syncengage/testing';

/**
 * The console asks the real churn scorer (its own process, serving a model file this test writes) for the live
 * model over gRPC: the API must carry that file's version and metrics exactly, follow a hot swap, and say why when
 * the scorer cannot answer, without failing anything else.
 */
describe('GET /api/models/live against a real churn scorer', () => {
  let directory: string;
  let modelPath: string;
  let served: Artifact;
  let scorer: ScorerProcess | undefined;
  let consoleApp: ConsoleUnderTest;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'console-model-info-'));
    modelPath = join(directory, 'model.json');
    served = await writeArtifact(modelPath, 'console-test-a', { prAuc: 0.6123 });
    scorer = await startScorerProcess(modelPath);
    // No cache, so the hot swap below shows on the next call; the cache itself is covered in live-model.spec.ts.
    consoleApp = await startConsoleWith('console_model_info', { CONSOLE_CHURN_SCORER_ADDRESS: scorer.address, CONSOLE_MODEL_INFO_CACHE_MS: '0' });
    await consoleApp.recordScores([
      { customerId: 's1', modelVersion: 'console-test-a', score: 0.2 },
      { customerId: 's2', modelVersion: 'console-test-a', score: 0.8 },
      { customerId: 's3', modelVersion: 'retired-model', score: 0.5 },
    ]);
  }, 90_000);

  afterAll(async () => {
    await consoleApp?.close();
    await scorer?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it("returns the served model's version, exact metrics, provenance and its share of scored customers", async () => {
    const report = await consoleApp.get<LiveModelReport>('/api/models/live');
    expect(report).toMatchObject({ status: 'ok', address: scorer!.address });
    if (report.status !== 'ok') throw new Error('unreachable');
    expect(report.model).toEqual({
      modelVersion: 'console-test-a',
      featureSetVersion: served.featureSetVersion,
      featureNames: served.featureNames,
      horizonDays: served.horizonDays,
      createdAt: served.createdAt,
      loadedAt: expect.any(String),
      training: served.training,
      metrics: served.metrics,
      bandThresholds: { mediumFrom: 0.4, highFrom: 0.7 },
    });
    expect(report.model.metrics.prAuc).toBe(0.6123);
    expect(report.model.metrics.oobRocAuc).toBeGreaterThan(0.5);
    expect(report.usage).toMatchObject({ modelVersion: 'console-test-a', customers: 2, scores: 2, shareOfCustomers: 2 / 3 });
  });

  it('applies the date range to the share, not to the model', async () => {
    const report = await consoleApp.get<LiveModelReport>('/api/models/live?to=2020-01-01');
    expect(report).toMatchObject({ status: 'ok', model: { modelVersion: 'console-test-a' }, usage: null });
  });

  it('documents the endpoint in OpenAPI', async () => {
    const document = await (await fetch(`${consoleApp.console.url}/api/openapi.json`)).json();
    const operation = document.paths['/api/models/live'].get;
    const schema = operation.responses['200'].content['application/json'].schema;
    expect(schema.properties.status.enum).toEqual(['ok', 'unreachable', 'not-configured']);
    expect(Object.keys(schema.properties.model.properties)).toEqual(expect.arrayContaining(['modelVersion', 'metrics', 'training', 'bandThresholds', 'loadedAt']));
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(expect.arrayContaining(['from', 'to']));
  });

  it('shows a hot-swapped model', async () => {
    await writeArtifact(modelPath, 'console-test-b', { oobRocAuc: 0.9001 });
    const swapped = await waitFor(
      async () => {
        const report = await consoleApp.get<LiveModelReport>('/api/models/live');
        return report.status === 'ok' && report.model.modelVersion === 'console-test-b' ? report : undefined;
      },
      { description: 'the console to show the swapped model' },
    );
    expect(swapped.model.metrics.oobRocAuc).toBe(0.9001);
    expect(swapped.usage).toBeNull();
  });

  it('says the scorer is unreachable, with the reason, once it is gone, and keeps serving the rest', async () => {
    await scorer!.stop();
    const address = scorer!.address;
    scorer = undefined;
    const report = await consoleApp.get<LiveModelReport>('/api/models/live');
    expect(report).toEqual({ status: 'unreachable', address, reason: expect.stringMatching(/UNAVAILABLE/), usage: null });
    const usage = await consoleApp.get<ModelVersionUsage[]>('/api/models');
    expect(usage.map((row) => [row.modelVersion, row.customers])).toEqual([['console-test-a', 2], ['retired-model', 1]]);
  });
});

describe('GET /api/models/live without a scorer that answers', () => {
  let silent: Server | undefined;
  const silentSockets = new Set<Socket>();
  let consoleApp: ConsoleUnderTest | undefined;

  afterEach(async () => {
    await consoleApp?.close();
    consoleApp = undefined;
  });

  afterAll(async () => {
    for (const socket of silentSockets) socket.destroy();
    await new Promise<void>((resolve) => (silent ? silent.close(() => resolve()) : resolve()));
  });

  it('says where metrics would come from when no scorer is configured', async () => {
    consoleApp = await startConsoleWith('console_model_none', {});
    expect(await consoleApp.get<LiveModelReport>('/api/models/live')).toEqual({
      status: 'not-configured',
      reason: expect.stringContaining('set CONSOLE_CHURN_SCORER_ADDRESS'),
      usage: null,
    });
  });

  it('gives up at the deadline on a port that accepts connections but never speaks gRPC', async () => {
    const server = createServer((socket) => silentSockets.add(socket));
    silent = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = `127.0.0.1:${(server.address() as { port: number }).port}`;
    consoleApp = await startConsoleWith('console_model_silent', { CONSOLE_CHURN_SCORER_ADDRESS: address });
    const report = await consoleApp.get<LiveModelReport>('/api/models/live');
    expect(report).toEqual({ status: 'unreachable', address, reason: expect.stringMatching(/DEADLINE_EXCEEDED/), usage: null });
  });
});
