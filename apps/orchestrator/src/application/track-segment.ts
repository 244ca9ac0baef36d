import { deriveEventId, SEGMENT_CHANGED_SCHEMA_VERSION, Topics, type ChurnScored } from '@syncengage/contracts';
import { segmentOf, type SegmentRules } from '../domain/segments';
import type { SegmentChange, SegmentLedger } from './journey-ports';

/**
 * Every churn-scored places the customer in a segment (or none); a change from the last one recorded publishes
 * segment-changed and exits the journeys of the segment left. Entering a segment needs nothing more: the
 * decision that follows picks the new segment's campaign (and starts its journey, if it has one).
 */
export class TrackSegment {
  constructor(private readonly ledger: SegmentLedger, private readonly rules: SegmentRules) {}

  async execute(scored: ChurnScored, observedAt: Date, traceId: string): Promise<SegmentChange> {
    const segmentation = segmentOf({ band: scored.band, rfm: scored.rfm }, this.rules);
    const segment = segmentation.segment ?? null;
    return this.ledger.observe(
      { customerId: scored.customerId, segment, scoredEventId: scored.eventId, observedAt, customer: { profile: scored.profile, band: scored.band, rfm: scored.rfm } },
      (previousSegment) => ({
        eventId: deriveEventId(scored.eventId, Topics.SegmentChanged),
        causationId: scored.eventId,
        eventType: 'segment-changed',
        schemaVersion: SEGMENT_CHANGED_SCHEMA_VERSION,
        occurredAt: observedAt.toISOString(),
        customerId: scored.customerId,
        previousSegment,
        segment,
        reason: segmentation.reason,
      }),
      traceId,
    );
  }
}
