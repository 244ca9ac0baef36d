import type { Migration } from '@syncengage/db';

/**
 * The analytics store. console_events is the one source of truth: append-only, one row per event id, the payload
 * whole plus extracted columns. console_messages is a rollup derived from it (rebuildable at any time) so the funnel
 * reads one row per message instead of folding every result. Nothing here relies on row-store features beyond the
 * primary key: the same two tables map onto a columnar store (ClickHouse MergeTree ordered by (event_type,
 * occurred_at), ReplacingMergeTree for the rollup) when the volume asks for it.
 */
export const CONSOLE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'analytics events and the per-message rollup',
    sql: `
      CREATE TABLE console_events (
        event_id         uuid        PRIMARY KEY,
        event_type       text        NOT NULL,
        occurred_at      timestamptz NOT NULL,
        recorded_at      timestamptz NOT NULL DEFAULT now(),
        customer_id      text        NOT NULL,
        campaign_id      text,
        campaign_version integer,
        variant          text,
        segment          text,
        channel          text,
        locale           text,
        message_id       uuid,
        stage            text,
        score            double precision,
        band             text,
        model_version    text,
        amount_cents     bigint,
        discount_cents   bigint,
        payload          jsonb       NOT NULL
      );
      COMMENT ON TABLE console_events IS 'Append-only fact table, one row per event id (idempotent). Columnar-ready: no updates, no foreign keys, wide nullable columns, ordered by (event_type, occurred_at).';
      CREATE INDEX console_events_type_time ON console_events (event_type, occurred_at);
      CREATE INDEX console_events_customer_time ON console_events (customer_id, occurred_at);
      CREATE INDEX console_events_message ON console_events (message_id, event_type) WHERE message_id IS NOT NULL;

      CREATE TABLE console_messages (
        message_id              uuid        PRIMARY KEY,
        customer_id             text        NOT NULL,
        requested_at            timestamptz NOT NULL,
        is_requested            boolean     NOT NULL DEFAULT false,
        campaign_id             text        NOT NULL,
        campaign_version        integer     NOT NULL,
        variant                 text        NOT NULL,
        segment                 text,
        channel                 text        NOT NULL,
        locale                  text,
        reason                  text,
        discount_percent        double precision,
        discount_reserved_cents bigint      NOT NULL DEFAULT 0,
        stage                   text,
        last_result_at          timestamptz,
        is_sent                 boolean     NOT NULL DEFAULT false,
        is_failed               boolean     NOT NULL DEFAULT false,
        failure_reason          text,
        is_opened               boolean     NOT NULL DEFAULT false,
        is_clicked              boolean     NOT NULL DEFAULT false,
        is_converted            boolean     NOT NULL DEFAULT false,
        revenue_cents           bigint      NOT NULL DEFAULT 0,
        sent_at                 timestamptz,
        converted_at            timestamptz
      );
      COMMENT ON TABLE console_messages IS 'Rollup of console_events per message: the latest cumulative stage. Derived, rebuildable from console_events.';
      CREATE INDEX console_messages_requested ON console_messages (requested_at);
      CREATE INDEX console_messages_campaign ON console_messages (campaign_id, campaign_version, variant);
      CREATE INDEX console_messages_customer ON console_messages (customer_id, requested_at)
    `,
  },
  {
    version: 2,
    name: 'decisions by arm, for uplift against the holdout',
    sql: `
      CREATE INDEX console_events_decisions ON console_events (campaign_id, campaign_version, customer_id, occurred_at)
        WHERE event_type = 'decision-recorded';
      CREATE INDEX console_events_purchases ON console_events (customer_id, occurred_at)
        WHERE event_type = 'customer-updated' AND stage = 'purchase_made'
    `,
  },
];
