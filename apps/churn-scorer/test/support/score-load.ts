import type { ChurnScorerClient, ScoreRequest } from '@syncengage/contracts';
import { score } from './grpc-calls';

export interface LoadReport {
  calls: number;
  failures: unknown[];
  /** Per worker, the model versions its answers came from, each run of one version listed once, in order. */
  versionsByWorker: string[][];
}

export interface RunningLoad {
  readonly calls: number;
  /** The version each worker saw last. */
  latestVersions(): string[];
  stop(): Promise<LoadReport>;
}

/** `workers` clients calling Score back to back over `requests` until stopped: traffic a model swap must not disturb. */
export function startScoreLoad(client: ChurnScorerClient, requests: Partial<ScoreRequest>[], workers: number): RunningLoad {
  let isRunning = true;
  let calls = 0;
  const failures: unknown[] = [];
  const versionsByWorker: string[][] = Array.from({ length: workers }, () => []);
  const loops = versionsByWorker.map(async (seen, worker) => {
    for (let i = worker; isRunning; i += workers) {
      try {
        const { modelVersion } = await score(client, requests[i % requests.length]);
        if (seen[seen.length - 1] !== modelVersion) seen.push(modelVersion);
      } catch (error) {
        failures.push(error);
      }
      calls += 1;
    }
  });
  return {
    get calls() {
      return calls;
    },
    latestVersions: () => versionsByWorker.map((seen) => seen[seen.length - 1]),
    stop: async () => {
      isRunning = false;
      await Promise.all(loops);
      return { calls, failures, versionsByWorker };
    },
  };
}
