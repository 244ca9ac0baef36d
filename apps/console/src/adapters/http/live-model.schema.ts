import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** GET /api/models/live for OpenAPI: LiveModelReport in application/live-model.ts, spelled out for clients. */
const numberMap: SchemaObject = { type: 'object', additionalProperties: { type: 'number' } };

const USAGE: SchemaObject = {
  type: 'object',
  nullable: true,
  description: 'What churn-scored says about the live version in the range; null when it scored no one there (or the scorer is not reachable)',
  properties: {
    modelVersion: { type: 'string' },
    customers: { type: 'integer' },
    scores: { type: 'integer' },
    shareOfCustomers: { type: 'number', description: 'customers this version scored / customers scored by any version, 0..1' },
    meanScore: { type: 'number' },
    firstScoredAt: { type: 'string', format: 'date-time' },
    lastScoredAt: { type: 'string', format: 'date-time' },
  },
};

const MODEL: SchemaObject = {
  type: 'object',
  properties: {
    modelVersion: { type: 'string', example: 'rf-20261126-56d69595' },
    featureSetVersion: { type: 'string' },
    featureNames: { type: 'array', items: { type: 'string' } },
    horizonDays: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time', nullable: true, description: 'when the model was trained; null for the recency rule' },
    loadedAt: { type: 'string', format: 'date-time', description: 'when the scorer loaded it; changes with every hot swap' },
    training: {
      type: 'object',
      nullable: true,
      properties: {
        dataSha256: { type: 'string', description: 'fingerprint of the training log' },
        source: { type: 'string' },
        cutoffDate: { type: 'string', format: 'date' },
        population: { type: 'integer' },
        churnRate: { type: 'number' },
      },
    },
    metrics: { ...numberMap, description: 'as measured by the trainer, e.g. oobRocAuc, oobBrier, oobLogLoss, oobCalibratedBrier' },
    bandThresholds: { type: 'object', properties: { mediumFrom: { type: 'number' }, highFrom: { type: 'number' } } },
  },
};

export const LIVE_MODEL_REPORT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status', 'usage'],
  properties: {
    status: { type: 'string', enum: ['ok', 'unreachable', 'not-configured'] },
    address: { type: 'string', description: "the scorer's gRPC host:port (ok, unreachable)" },
    fetchedAt: { type: 'string', format: 'date-time', description: 'when the console asked the scorer (ok)' },
    reason: { type: 'string', description: 'why there is no model to show (unreachable, not-configured)' },
    model: MODEL,
    usage: USAGE,
  },
};
