import type { SqlClient } from '@syncengage/db';
import { Topics, type Segment, type SegmentChanged } from '@syncengage/contracts';
import type { SegmentChange, SegmentLedger, SegmentObservation } from '../../application/journey-ports';
import { exitJourney, type JourneyState } from '../../domain/journey';

/**
 * The last segment of each customer, and what a change does: one transaction records it, leaves the
 * segment-changed event in the outbox and exits the journeys of the segment left, so none happens without the others.
 */
export class PostgresJourneySegmentLedger implements SegmentLedger {
  constructor(private readonly db: SqlClient) {}

  async observe(observation: SegmentObservation, toEvent: (previous: Segment | null) => SegmentChanged, traceId: string): Promise<SegmentChange> {
    return this.db.transaction(async (tx) => {
      const at = observation.observedAt.toISOString();
      // Running journeys send their next follow-up to the latest address and consent, whatever the segment.
      await tx.query("UPDATE orchestrator_journey_instances SET customer = $2 WHERE customer_id = $1 AND status = 'active'", [
        observation.customerId,
        JSON.stringify(observation.customer),
      ]);
      const last = await tx.query<{ segment: Segment | null }>('SELECT segment FROM orchestrator_customer_segments WHERE customer_id = $1 FOR UPDATE', [observation.customerId]);
      const previous = last.rows[0]?.segment ?? null;
      if (previous === observation.segment) return { changed: false, previous, exitedJourneys: 0 };
      await tx.query(
        `INSERT INTO orchestrator_customer_segments (customer_id, segment, scored_event_id, changed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (customer_id) DO UPDATE SET segment = EXCLUDED.segment, scored_event_id = EXCLUDED.scored_event_id, changed_at = EXCLUDED.changed_at`,
        [observation.customerId, observation.segment, observation.scoredEventId, at],
      );
      const event = toEvent(previous);
      await tx.query('INSERT INTO orchestrator_outbox (message_id, topic, payload, trace_id) VALUES ($1, $2, $3, $4) ON CONFLICT (message_id) DO NOTHING', [
        event.eventId,
        Topics.SegmentChanged,
        JSON.stringify(event),
        traceId,
      ]);
      if (previous === null) return { changed: true, previous, exitedJourneys: 0 };
      const running = await tx.query<{ instance_id: string; state: JourneyState | string }>(
        "SELECT instance_id, state FROM orchestrator_journey_instances WHERE customer_id = $1 AND segment = $2 AND status = 'active' FOR UPDATE",
        [observation.customerId, previous],
      );
      const reason = `left segment ${previous} for ${observation.segment ?? 'no segment'}`;
      for (const row of running.rows) {
        const state = exitJourney(typeof row.state === 'string' ? (JSON.parse(row.state) as JourneyState) : row.state, reason);
        await tx.query('UPDATE orchestrator_journey_instances SET status = $2, state = $3, due_at = NULL, updated_at = $4 WHERE instance_id = $1', [
          row.instance_id,
          state.status,
          JSON.stringify(state),
          at,
        ]);
        await tx.query('INSERT INTO orchestrator_journey_history (instance_id, event, trail, status, at) VALUES ($1, $2, $3, $4, $5)', [
          row.instance_id,
          `segment-changed ${previous} > ${observation.segment ?? 'none'}`,
          '',
          `${state.status}: ${reason}`,
          at,
        ]);
      }
      return { changed: true, previous, exitedJourneys: running.rows.length };
    });
  }
}
