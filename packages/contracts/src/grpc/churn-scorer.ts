import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { resolve } from 'node:path';

/**
 * The .proto is the truth; these types mirror it and churn-scorer.spec.ts checks every message's fields against
 * what a client loaded with PROTO_LOADER_OPTIONS actually decodes, so the two cannot drift apart.
 */
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

/** One per request of a ScoreBatch call, in request order: either a score or the error Score would have given. */
export interface ScoreBatchResult {
  index: number;
  /** Which member is set; the loader adds it when decoding (`oneofs: true`), a server need not. */
  outcome?: 'score' | 'error';
  score?: ScoreResponse;
  error?: ItemError;
}

export interface ItemError {
  /** A gRPC status code (grpc.status), e.g. INVALID_ARGUMENT or NOT_FOUND. */
  code: number;
  message: string;
}

export interface ExplainRequest {
  customerId: string;
  features: Record<string, number>;
  /** Contributions to return, largest first; 0 for every feature. */
  top: number;
}

export interface ExplainResponse {
  customerId: string;
  modelVersion: string;
  baseline: number;
  /** baseline + Σ contribution over every feature. */
  rawScore: number;
  score: number;
  band: string;
  contributions: FeatureContribution[];
  scoredAt: string;
}

export interface FeatureContribution {
  feature: string;
  value: number;
  contribution: number;
}

/** Empty today; a message rather than google.protobuf.Empty, so fields can be added without a new method. */
export interface GetModelInfoRequest {}

export interface ModelInfo {
  modelVersion: string;
  featureSetVersion: string;
  featureNames: string[];
  horizonDays: number;
  createdAt: string;
  /** null for the recency rule, which is not trained. */
  training: TrainingProvenance | null;
  metrics: Record<string, number>;
  bandThresholds: RiskBandThresholds;
  loadedAt: string;
}

export interface TrainingProvenance {
  dataSha256: string;
  source: string;
  cutoffDate: string;
  population: number;
  churnRate: number;
}

export interface RiskBandThresholds {
  mediumFrom: number;
  highFrom: number;
}

type Callback<T> = (error: grpc.ServiceError | null, response?: T) => void;

export interface ChurnScorerClient extends grpc.Client {
  score(request: ScoreRequest, options: grpc.CallOptions, callback: Callback<ScoreResponse>): grpc.ClientUnaryCall;
  scoreBatch(options?: grpc.CallOptions): grpc.ClientDuplexStream<ScoreRequest, ScoreBatchResult>;
  explain(request: ExplainRequest, options: grpc.CallOptions, callback: Callback<ExplainResponse>): grpc.ClientUnaryCall;
  getModelInfo(request: GetModelInfoRequest, options: grpc.CallOptions, callback: Callback<ModelInfo>): grpc.ClientUnaryCall;
}

export interface ChurnScorerHandlers extends grpc.UntypedServiceImplementation {
  score: grpc.handleUnaryCall<ScoreRequest, ScoreResponse>;
  scoreBatch: grpc.handleBidiStreamingCall<ScoreRequest, ScoreBatchResult>;
  explain: grpc.handleUnaryCall<ExplainRequest, ExplainResponse>;
  getModelInfo: grpc.handleUnaryCall<GetModelInfoRequest, ModelInfo>;
}

/** The package as every client and server loads it. */
export function loadChurnScorerPackage(): protoLoader.PackageDefinition {
  return protoLoader.loadSync(CHURN_PROTO_PATH, PROTO_LOADER_OPTIONS);
}

/**
 * The package for server reflection only: field names as the .proto spells them (snake_case), so grpcurl and
 * Postman describe the file people read. Casing changes no byte on the wire; servers and clients keep using
 * loadChurnScorerPackage.
 */
export function loadChurnScorerPackageAsWritten(): protoLoader.PackageDefinition {
  return protoLoader.loadSync(CHURN_PROTO_PATH, { ...PROTO_LOADER_OPTIONS, keepCase: true });
}

export function loadChurnScorerDefinition(): grpc.ServiceDefinition {
  return churnScorerConstructor().service;
}

export function createChurnScorerClient(address: string, options?: grpc.ClientOptions): ChurnScorerClient {
  const ChurnScorer = churnScorerConstructor();
  return new ChurnScorer(address, grpc.credentials.createInsecure(), options) as unknown as ChurnScorerClient;
}

function churnScorerConstructor(): grpc.ServiceClientConstructor {
  const loaded = grpc.loadPackageDefinition(loadChurnScorerPackage()) as unknown as {
    syncengage: { churn: { v1: { ChurnScorer: grpc.ServiceClientConstructor } } };
  };
  return loaded.syncengage.churn.v1.ChurnScorer;
}
