import type { SqlClient } from '@syncengage/db';
import type { CustomerDecision, CustomerView, PipelineHealth } from '../../application/read-models';
import { toIso, toNumber } from './message-filter';

export class PostgresCustomerQueries {
  constructor(private readonly db: SqlClient) {}

  /** Null when no event names the customer. */
  async customer(customerId: string, eventLimit: number): Promise<CustomerView | null> {
    const events = await this.db.query<{ event_id: string; event_type: string; occurred_at: Date; stage: string | null; detail: string | null }>(
      `SELECT event_id, event_type, occurred_at, stage,
              concat_ws(' ', campaign_id || '/' || variant, channel, band, CASE WHEN score IS NOT NULL THEN round(score::numeric, 3)::text END,
                        CASE WHEN amount_cents IS NOT NULL THEN (amount_cents / 100.0)::numeric(12, 2)::text END) AS detail
         FROM console_events WHERE customer_id = $1 ORDER BY occurred_at DESC, event_id LIMIT $2`,
      [customerId, eventLimit],
    );
    if (events.rows.length === 0) return null;
    const scores = await this.db.query<{ occurred_at: Date; score: number; band: string; model_version: string }>(
      `SELECT occurred_at, score, band, model_version FROM console_events
        WHERE customer_id = $1 AND event_type = 'churn-scored' ORDER BY occurred_at`,
      [customerId],
    );
    const messages = await this.db.query<{
      message_id: string; requested_at: Date; campaign_id: string; campaign_version: number; variant: string; segment: string | null; channel: string;
      locale: string | null; reason: string | null; stage: string | null; is_opened: boolean; is_clicked: boolean; is_converted: boolean; revenue_cents: string;
    }>('SELECT * FROM console_messages WHERE customer_id = $1 ORDER BY requested_at', [customerId]);
    // segment-changed says when the orchestrator moved the customer; without it, the segments messages were sent in.
    const changes = await this.db.query<{ occurred_at: Date; segment: string | null }>(
      "SELECT occurred_at, segment FROM console_events WHERE customer_id = $1 AND event_type = 'segment-changed' ORDER BY occurred_at",
      [customerId],
    );
    const segmentHistory: CustomerView['segmentHistory'] = changes.rows.map((row) => ({ at: toIso(row.occurred_at), segment: row.segment ?? 'none' }));
    for (const message of changes.rows.length > 0 ? [] : messages.rows) {
      if (message.segment && segmentHistory[segmentHistory.length - 1]?.segment !== message.segment) {
        segmentHistory.push({ at: toIso(message.requested_at), segment: message.segment });
      }
    }
    const decisions = await this.db.query<{
      occurred_at: Date; stage: CustomerDecision['action']; campaign_id: string | null; campaign_version: number | null; variant: string | null;
      segment: string | null; channel: string | null; message_id: string | null; discount_percent: number | null; reason: string;
    }>(
      `SELECT occurred_at, stage, campaign_id, campaign_version, variant, segment, channel, message_id,
              (payload->>'discountPercent')::float8 AS discount_percent, payload->>'reason' AS reason
         FROM console_events WHERE customer_id = $1 AND event_type = 'decision-recorded' ORDER BY occurred_at, event_id`,
      [customerId],
    );
    return {
      customerId,
      events: events.rows.map((row) => ({ eventId: row.event_id, type: row.event_type, occurredAt: toIso(row.occurred_at), stage: row.stage, detail: row.detail || null })),
      scores: scores.rows.map((row) => ({ occurredAt: toIso(row.occurred_at), score: Number(row.score), band: row.band, modelVersion: row.model_version })),
      segmentHistory,
      messages: messages.rows.map((row) => ({
        messageId: row.message_id,
        requestedAt: toIso(row.requested_at),
        campaignId: row.campaign_id,
        campaignVersion: row.campaign_version,
        variant: row.variant,
        segment: row.segment,
        channel: row.channel,
        locale: row.locale,
        reason: row.reason,
        stage: row.stage,
        opened: row.is_opened,
        clicked: row.is_clicked,
        converted: row.is_converted,
        revenueCents: toNumber(row.revenue_cents),
      })),
      decisions: decisions.rows.map((row) => ({
        decidedAt: toIso(row.occurred_at),
        action: row.stage,
        campaignId: row.campaign_id,
        campaignVersion: row.campaign_version,
        variant: row.variant,
        segment: row.segment,
        channel: row.channel,
        discountPercent: row.discount_percent === null ? null : Number(row.discount_percent),
        messageId: row.message_id,
        reason: row.reason,
      })),
    };
  }

  async sendFailures(): Promise<Pick<PipelineHealth, 'sendFailures' | 'failedMessages'>> {
    const rows = await this.db.query<{ channel: string; reason: string; n: number }>(
      `SELECT channel, coalesce(failure_reason, 'unknown') AS reason, count(*)::int AS n
         FROM console_messages WHERE is_failed GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 50`,
    );
    const total = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM console_messages WHERE is_failed');
    return { sendFailures: rows.rows.map((row) => ({ channel: row.channel, reason: row.reason, count: row.n })), failedMessages: total.rows[0].n };
  }
}
