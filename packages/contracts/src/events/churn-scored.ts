import { z } from 'zod';
import { decodeWith } from '../decode';
import { envelopeShape } from '../envelope';
import { customerProfileSchema } from './customer-profile';

export const CHURN_SCORED_SCHEMA_VERSION = 1 as const;

export const riskBands = ['low', 'medium', 'high'] as const;
export type RiskBand = (typeof riskBands)[number];

/** The RFM summary the orchestrator segments on; the full feature vector stays in the scorer. */
export const rfmSummarySchema = z.object({
  recencyDays: z.number().nonnegative(),
  frequency: z.number().int().nonnegative(),
  monetaryTotalCents: z.number().int(),
  tenureDays: z.number().nonnegative(),
});
export type RfmSummary = z.infer<typeof rfmSummarySchema>;

/** One per scoring of one customer. */
export const churnScoredSchema = z.object({
  ...envelopeShape,
  eventType: z.literal('churn-scored'),
  schemaVersion: z.literal(CHURN_SCORED_SCHEMA_VERSION),
  /** Probability that the customer places no order within the model's horizon, 0..1. */
  score: z.number().min(0).max(1),
  band: z.enum(riskBands),
  modelVersion: z.string().min(1),
  horizonDays: z.number().int().positive(),
  rfm: rfmSummarySchema,
  /** The latest contact details, carried so the orchestrator can pick a channel without another lookup. */
  profile: customerProfileSchema,
  /** The customer change that triggered this scoring. */
  trigger: z.string().min(1),
});

export type ChurnScored = z.infer<typeof churnScoredSchema>;

export const decodeChurnScored = (raw: unknown): ChurnScored => decodeWith('churn-scored', churnScoredSchema, raw);
