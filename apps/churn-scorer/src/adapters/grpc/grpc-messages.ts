import * as grpc from '@grpc/grpc-js';
import type { ExplainResponse, ModelInfo, ScoreResponse } from '@syncengage/contracts';
import type { ModelDescription } from '../../application/describe-model';
import type { ExplainedScore } from '../../application/explain-score';
import { InvalidRequest, UnknownCustomer } from '../../application/on-demand-features';
import { NoModelLoaded } from '../../application/ports';
import type { OnDemandScore } from '../../application/score-on-demand';

export function toScoreResponse(result: OnDemandScore): ScoreResponse {
  return {
    customerId: result.customerId,
    score: result.score,
    band: result.band,
    modelVersion: result.modelVersion,
    horizonDays: result.horizonDays,
    scoredAt: result.scoredAt.toISOString(),
  };
}

export function toExplainResponse(result: ExplainedScore): ExplainResponse {
  return { ...result, contributions: result.contributions.map((c) => ({ ...c })), scoredAt: result.scoredAt.toISOString() };
}

export function toModelInfo(model: ModelDescription): ModelInfo {
  return {
    modelVersion: model.modelVersion,
    featureSetVersion: model.featureSetVersion,
    featureNames: [...model.featureNames],
    horizonDays: model.horizonDays,
    createdAt: model.createdAt ?? '',
    training: model.training ?? null,
    metrics: { ...model.metrics },
    bandThresholds: { mediumFrom: model.thresholds.mediumFrom, highFrom: model.thresholds.highFrom },
    loadedAt: model.loadedAt.toISOString(),
  };
}

export interface Status {
  code: grpc.status;
  details: string;
}

/** Our typed errors to status codes; anything else is our fault, INTERNAL. */
export function toStatus(error: unknown): Status {
  if (error instanceof InvalidRequest) return { code: grpc.status.INVALID_ARGUMENT, details: error.message };
  if (error instanceof UnknownCustomer) return { code: grpc.status.NOT_FOUND, details: error.message };
  if (error instanceof NoModelLoaded) return { code: grpc.status.UNAVAILABLE, details: error.message };
  return { code: grpc.status.INTERNAL, details: error instanceof Error ? error.message : String(error) };
}

/** Errors about one request's content, which ScoreBatch reports in that item's result instead of ending the call. */
export function isAboutTheRequest(error: unknown): boolean {
  return error instanceof InvalidRequest || error instanceof UnknownCustomer;
}
