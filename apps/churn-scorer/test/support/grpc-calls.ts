import * as grpc from '@grpc/grpc-js';
import type {
  ChurnScorerClient,
  ExplainRequest,
  ExplainResponse,
  ModelInfo,
  ScoreBatchResult,
  ScoreRequest,
  ScoreResponse,
} from '@syncengage/contracts';

/** Promise forms of the ChurnScorer calls, each with a deadline, as a careful client would make them. */

const deadline = (ms: number): grpc.CallOptions => ({ deadline: Date.now() + ms });
const settle = <T>(resolve: (value: T) => void, reject: (error: Error) => void) => (error: grpc.ServiceError | null, response?: T) =>
  error ? reject(error) : resolve(response!);

export function score(client: ChurnScorerClient, request: Partial<ScoreRequest>, deadlineMs = 5_000): Promise<ScoreResponse> {
  return new Promise((resolve, reject) => client.score({ customerId: '', features: {}, ...request }, deadline(deadlineMs), settle(resolve, reject)));
}

export function explain(client: ChurnScorerClient, request: Partial<ExplainRequest>, deadlineMs = 5_000): Promise<ExplainResponse> {
  return new Promise((resolve, reject) =>
    client.explain({ customerId: '', features: {}, top: 0, ...request }, deadline(deadlineMs), settle(resolve, reject)),
  );
}

export function getModelInfo(client: ChurnScorerClient, deadlineMs = 5_000): Promise<ModelInfo> {
  return new Promise((resolve, reject) => client.getModelInfo({}, deadline(deadlineMs), settle(resolve, reject)));
}

export interface BatchOutcome {
  results: ScoreBatchResult[];
  status: grpc.StatusObject;
}

/** Sends every request, half-closes, and collects the results and the call's final status. */
export function scoreBatch(client: ChurnScorerClient, requests: Partial<ScoreRequest>[], deadlineMs = 10_000): Promise<BatchOutcome> {
  return new Promise((resolve) => {
    const call = client.scoreBatch(deadline(deadlineMs));
    const results: ScoreBatchResult[] = [];
    let status: grpc.StatusObject | undefined;
    let hasEnded = false;
    // 'status' can overtake results still buffered in the stream: done once both the status and 'end' are in.
    const finish = () => status && hasEnded && resolve({ results, status });
    call.on('data', (result: ScoreBatchResult) => results.push(result));
    call.on('end', () => { hasEnded = true; finish(); });
    // A non-OK status also arrives as 'error'; the 'status' event carries it either way.
    call.on('error', () => undefined);
    call.on('status', (received: grpc.StatusObject) => { status = received; finish(); });
    for (const request of requests) call.write({ customerId: '', features: {}, ...request });
    call.end();
  });
}
