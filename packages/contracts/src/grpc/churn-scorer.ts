import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { resolve } from 'node:path';

/** The .proto is the truth; these types mirror it and a spec checks they agree. */
export const CHURN_PROTO_PATH = resolve(__dirname, '../../../../proto/churn.proto');
export const CHURN_SCORER_SERVICE = 'syncengage.churn.v1.ChurnScorer';

/** One loader configuration for every client and server, so field casing and defaults never differ. */
export const PROTO_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

export interface ScoreRequest {
  customerId: string;
  features: Record<string, number>;
}

export interface ScoreResponse {
  customerId: string;
  score: number;
  band: string;
  modelVersion: string;
  horizonDays: number;
  scoredAt: string;
}

export interface ChurnScorerClient extends grpc.Client {
  score(
    request: ScoreRequest,
    options: grpc.CallOptions,
    callback: (error: grpc.ServiceError | null, response?: ScoreResponse) => void,
  ): grpc.ClientUnaryCall;
}

export interface ChurnScorerHandlers extends grpc.UntypedServiceImplementation {
  score: grpc.handleUnaryCall<ScoreRequest, ScoreResponse>;
}

export function loadChurnScorerDefinition(): grpc.ServiceDefinition {
  const packageDefinition = protoLoader.loadSync(CHURN_PROTO_PATH, PROTO_LOADER_OPTIONS);
  const loaded = grpc.loadPackageDefinition(packageDefinition) as unknown as {
    syncengage: { churn: { v1: { ChurnScorer: grpc.ServiceClientConstructor } } };
  };
  return loaded.syncengage.churn.v1.ChurnScorer.service;
}

export function createChurnScorerClient(address: string): ChurnScorerClient {
  const packageDefinition = protoLoader.loadSync(CHURN_PROTO_PATH, PROTO_LOADER_OPTIONS);
  const loaded = grpc.loadPackageDefinition(packageDefinition) as unknown as {
    syncengage: { churn: { v1: { ChurnScorer: grpc.ServiceClientConstructor } } };
  };
  return new loaded.syncengage.churn.v1.ChurnScorer(address, grpc.credentials.createInsecure()) as unknown as ChurnScorerClient;
}
