import { resultStages } from '@syncengage/contracts';

const STAGE_ORDER = `ARRAY[${resultStages.map((stage) => `'${stage}'`).join(', ')}]::text[]`;

/**
 * The one definition of the per-message rollup, computed from console_events: used for the messages one batch
 * touched ($1 = their ids) and for a full rebuild (no filter). Results are cumulative (flags only ever turn on), so
 * flags are OR-ed over all results and the stage is the latest one's, ties broken by funnel order: redelivered or
 * reordered results give the same row.
 */
export function refreshMessagesSql(onlyIds: boolean): string {
  const filter = onlyIds ? 'AND message_id = ANY($1::uuid[])' : '';
  return `
    WITH requests AS (
      SELECT DISTINCT ON (message_id) message_id, customer_id, occurred_at, campaign_id, campaign_version, variant, segment,
             channel, locale, payload->>'reason' AS reason, (payload->'discount'->>'percent')::float8 AS discount_percent, discount_cents
        FROM console_events
       WHERE event_type = 'message-requested' ${filter}
       ORDER BY message_id, occurred_at
    ), results AS (
      SELECT message_id,
             min(customer_id) AS customer_id,
             min(coalesce((payload->>'sentAt')::timestamptz, occurred_at)) AS first_at,
             (array_agg(campaign_id ORDER BY occurred_at DESC))[1] AS campaign_id,
             (array_agg(campaign_version ORDER BY occurred_at DESC))[1] AS campaign_version,
             (array_agg(variant ORDER BY occurred_at DESC))[1] AS variant,
             (array_agg(channel ORDER BY occurred_at DESC))[1] AS channel,
             (array_agg(stage ORDER BY occurred_at DESC, array_position(${STAGE_ORDER}, stage) DESC))[1] AS stage,
             max(occurred_at) AS last_result_at,
             bool_or(payload->>'status' = 'sent' OR (payload->>'opened')::boolean OR (payload->>'clicked')::boolean OR (payload->>'converted')::boolean) AS is_sent,
             bool_or(payload->>'status' = 'failed') AS is_failed,
             (array_agg(payload->>'failureReason' ORDER BY occurred_at DESC) FILTER (WHERE payload ? 'failureReason'))[1] AS failure_reason,
             bool_or((payload->>'opened')::boolean) AS is_opened,
             bool_or((payload->>'clicked')::boolean) AS is_clicked,
             bool_or((payload->>'converted')::boolean) AS is_converted,
             max(amount_cents) AS revenue_cents,
             max(discount_cents) AS discount_cents,
             min(coalesce((payload->>'sentAt')::timestamptz, CASE WHEN payload->>'status' = 'sent' THEN occurred_at END)) AS sent_at,
             min(coalesce((payload->>'convertedAt')::timestamptz, CASE WHEN (payload->>'converted')::boolean THEN occurred_at END)) AS converted_at
        FROM console_events
       WHERE event_type = 'campaign-result' ${filter}
       GROUP BY message_id
    )
    INSERT INTO console_messages (
      message_id, customer_id, requested_at, is_requested, campaign_id, campaign_version, variant, segment, channel, locale, reason,
      discount_percent, discount_reserved_cents, stage, last_result_at, is_sent, is_failed, failure_reason, is_opened, is_clicked,
      is_converted, revenue_cents, sent_at, converted_at)
    SELECT message_id, coalesce(q.customer_id, r.customer_id), coalesce(q.occurred_at, r.first_at), q.customer_id IS NOT NULL,
           coalesce(q.campaign_id, r.campaign_id), coalesce(q.campaign_version, r.campaign_version), coalesce(q.variant, r.variant),
           q.segment, coalesce(q.channel, r.channel), q.locale, q.reason, q.discount_percent,
           coalesce(q.discount_cents, r.discount_cents, 0), r.stage, r.last_result_at, coalesce(r.is_sent, false),
           coalesce(r.is_failed, false), r.failure_reason, coalesce(r.is_opened, false), coalesce(r.is_clicked, false),
           coalesce(r.is_converted, false), coalesce(r.revenue_cents, 0), r.sent_at, r.converted_at
      FROM requests q FULL JOIN results r USING (message_id)
    ON CONFLICT (message_id) DO UPDATE SET
      customer_id = EXCLUDED.customer_id, requested_at = EXCLUDED.requested_at, is_requested = EXCLUDED.is_requested,
      campaign_id = EXCLUDED.campaign_id, campaign_version = EXCLUDED.campaign_version, variant = EXCLUDED.variant,
      segment = EXCLUDED.segment, channel = EXCLUDED.channel, locale = EXCLUDED.locale, reason = EXCLUDED.reason,
      discount_percent = EXCLUDED.discount_percent, discount_reserved_cents = EXCLUDED.discount_reserved_cents,
      stage = EXCLUDED.stage, last_result_at = EXCLUDED.last_result_at, is_sent = EXCLUDED.is_sent, is_failed = EXCLUDED.is_failed,
      failure_reason = EXCLUDED.failure_reason, is_opened = EXCLUDED.is_opened, is_clicked = EXCLUDED.is_clicked,
      is_converted = EXCLUDED.is_converted, revenue_cents = EXCLUDED.revenue_cents, sent_at = EXCLUDED.sent_at,
      converted_at = EXCLUDED.converted_at`;
}
