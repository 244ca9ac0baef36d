import type { OnApplicationShutdown } from '@nestjs/common';
import { createChurnScorerClient, type ChurnScorerClient, type ModelInfo } from '@syncengage/contracts';
import type { ModelInfoSource } from '../../application/live-model';

/** A page load waits at most this long for the scorer before showing it as unreachable. */
export const MODEL_INFO_DEADLINE_MS = 2_000;

/** ChurnScorer.GetModelInfo through the contracts' client (the one proto loader); the channel is opened on first use. */
export class GrpcModelInfoSource implements ModelInfoSource, OnApplicationShutdown {
  private client?: ChurnScorerClient;

  constructor(
    readonly address: string,
    private readonly deadlineMs = MODEL_INFO_DEADLINE_MS,
  ) {}

  fetch(): Promise<ModelInfo> {
    this.client ??= createChurnScorerClient(this.address);
    const client = this.client;
    return new Promise((resolve, reject) =>
      client.getModelInfo({}, { deadline: Date.now() + this.deadlineMs }, (error, info) => (error ? reject(error) : resolve(info!))),
    );
  }

  onApplicationShutdown(): void {
    this.client?.close();
    this.client = undefined;
  }
}
