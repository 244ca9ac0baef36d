import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { CHURN_PROTO_PATH, PROTO_LOADER_OPTIONS, createChurnScorerClient, type ChurnScorerClient, type ScoreRequest, type ScoreResponse } from '@syncengage/contracts';
import { loadChurnScorerConfig, startChurnScorer } from '@syncengage/churn-scorer';
import { createRuntime } from '@syncengage/runtime';
import { createFreshDatabase } from '@syncengage/testing';
import { summarizeLatencies, type LatencySummary } from '../pipeline/latency-stats';
import { createEchoClient, startEchoServer } from './grpc-echo';
import type { SimulatedFeatureRows } from './simulated-rows';

export interface LatencySettings {
  inProcessCalls: number;
  grpcCalls: number;
  warmupCalls: number;
}

export interface ScoreLatencies {
  modelVersion: string;
  inProcess: LatencySummary;
  grpcScore: LatencySummary;
  grpcEcho: LatencySummary;
  requestBytes: number;
  responseBytes: number;
  p50Ratio: number;
  p99Ratio: number;
}

const DEADLINE_MS = 5_000;
/** Score and echo calls alternate in blocks of this many, so load from elsewhere on the machine hits both alike. */
const BLOCK_CALLS = 100;

/**
 * Single-row scoring latency three ways, one call in flight at a time: model.score in this process; the churn
 * scorer's `Score` RPC with the features in the request, against the real service (embedded bus, PostgreSQL) on
 * 127.0.0.1; and a bare grpc-js echo server on the same loopback with messages of exactly the same sizes.
 */
export async function measureScoreLatency(data: SimulatedFeatureRows, settings: LatencySettings): Promise<ScoreLatencies> {
  const database = await createFreshDatabase('bench_churn_grpc');
  const config = loadChurnScorerConfig({ DATABASE_URL: database.url, CHURN_GRPC_PORT: '0', CHURN_SCORER_HTTP_PORT: '0', LOG_LEVEL: 'error', CHURN_RESCORE_INTERVAL_MS: '0' });
  const runtime = await createRuntime(config.infrastructure);
  const scorer = await startChurnScorer(config, runtime).catch(async (error: Error) => {
    await runtime.close();
    await database.drop();
    throw error;
  });
  const client = createChurnScorerClient(scorer.grpcAddress);
  try {
    const model = scorer.models.current();
    const rows = data.holdout.rows.slice(0, 1_000);
    const requests: ScoreRequest[] = rows.map((row, index) => ({
      customerId: `C${String(index).padStart(6, '0')}`,
      features: Object.fromEntries(model.featureNames.map((name) => [name, row[data.featureNames.indexOf(name)] ?? Number.NaN])),
    }));
    const vectors = requests.map((request) => Float64Array.from(model.featureNames, (name) => request.features[name]));

    const inProcess = timeInProcess((i) => model.score(vectors[i % vectors.length]), settings);

    const first = await score(client, requests[0]);
    if (Math.abs(first.score - model.score(vectors[0])) > 1e-9) {
      throw new Error(`the Score RPC answered ${first.score} where model.score gives ${model.score(vectors[0])}: not the model measured in process`);
    }
    const messages = scoreMessages();
    const requestBytes = requests.map((request) => messages.request(request));
    const echoServer = await startEchoServer(messages.response(first));
    const echo = createEchoClient(echoServer.address);
    try {
      const callScore = (i: number) => score(client, requests[i % requests.length]);
      const callEcho = (i: number) => echo.echo(requestBytes[i % requestBytes.length], DEADLINE_MS);
      for (let i = 0; i < settings.warmupCalls; i++) { await callScore(i); await callEcho(i); }
      const scoreMs: number[] = [];
      const echoMs: number[] = [];
      for (let done = 0; done < settings.grpcCalls; done += BLOCK_CALLS) {
        const block = Math.min(BLOCK_CALLS, settings.grpcCalls - done);
        for (let i = done; i < done + block; i++) scoreMs.push(await timed(() => callScore(i)));
        for (let i = done; i < done + block; i++) echoMs.push(await timed(() => callEcho(i)));
      }
      const grpcScore = summarizeLatencies(scoreMs);
      const grpcEcho = summarizeLatencies(echoMs);
      return {
        modelVersion: model.modelVersion,
        inProcess,
        grpcScore,
        grpcEcho,
        requestBytes: Math.round(requestBytes.reduce((sum, bytes) => sum + bytes.length, 0) / requestBytes.length),
        responseBytes: messages.response(first).length,
        p50Ratio: grpcScore.p50Ms / grpcEcho.p50Ms,
        p99Ratio: grpcScore.p99Ms / grpcEcho.p99Ms,
      };
    } finally {
      echo.close();
      await echoServer.stop();
    }
  } finally {
    client.close();
    await scorer.close();
    await database.drop();
  }
}

function timeInProcess(scoreRow: (i: number) => number, settings: LatencySettings): LatencySummary {
  let sink = 0;
  for (let i = 0; i < settings.warmupCalls * 10; i++) sink += scoreRow(i);
  const times = new Array<number>(settings.inProcessCalls);
  for (let i = 0; i < settings.inProcessCalls; i++) {
    const started = process.hrtime.bigint();
    sink += scoreRow(i);
    times[i] = Number(process.hrtime.bigint() - started) / 1e6;
  }
  if (Number.isNaN(sink)) throw new Error('model.score returned NaN');
  return summarizeLatencies(times);
}

async function timed(call: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await call();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function score(client: ChurnScorerClient, request: ScoreRequest): Promise<ScoreResponse> {
  return new Promise((resolve, reject) =>
    client.score(request, { deadline: Date.now() + DEADLINE_MS }, (error, response) => (error ? reject(error) : resolve(response as ScoreResponse))));
}

/** Protobuf encoders of the real Score messages, loaded from the contract's .proto with the contract's options. */
function scoreMessages(): { request(message: ScoreRequest): Buffer; response(message: ScoreResponse): Buffer } {
  const definition = protoLoader.loadSync(CHURN_PROTO_PATH, PROTO_LOADER_OPTIONS);
  const method = (definition['syncengage.churn.v1.ChurnScorer'] as grpc.ServiceDefinition).Score;
  return { request: (message) => method.requestSerialize(message), response: (message) => method.responseSerialize(message) };
}
