import { z } from 'zod';
import { decodeWith } from '../decode';
import { envelopeShape } from '../envelope';
import { segments } from './message-requested';

export const SEGMENT_CHANGED_SCHEMA_VERSION = 1 as const;

/**
 * One per change of a customer's segment as the orchestrator sees it (`null`: in no segment). Published through
 * the orchestrator's outbox in the transaction that records the new segment, so it is never lost or doubled;
 * `eventId` is derived from the churn-scored event that caused it (`causationId`).
 */
export const segmentChangedSchema = z.object({
  ...envelopeShape,
  eventType: z.literal('segment-changed'),
  schemaVersion: z.literal(SEGMENT_CHANGED_SCHEMA_VERSION),
  previousSegment: z.enum(segments).nullable(),
  segment: z.enum(segments).nullable(),
  /** Why the customer is in `segment` now, in words a person reads. */
  reason: z.string().min(1),
});

export type SegmentChanged = z.infer<typeof segmentChangedSchema>;

export const decodeSegmentChanged = (raw: unknown): SegmentChanged => decodeWith('segment-changed', segmentChangedSchema, raw);
