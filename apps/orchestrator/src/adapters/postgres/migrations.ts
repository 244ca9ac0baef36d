import type { Migration } from '@syncengage/db';

export const ORCHESTRATOR_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'decisions, daily budget and outbox',
    sql: `
      CREATE TABLE orchestrator_budget_days (
        day            text PRIMARY KEY,
        cap_cents      bigint NOT NULL,
        reserved_cents bigint NOT NULL DEFAULT 0 CHECK (reserved_cents >= 0),
        spent_cents    bigint NOT NULL DEFAULT 0 CHECK (spent_cents >= 0),
        CHECK (reserved_cents + spent_cents <= cap_cents)
      );
      CREATE TABLE orchestrator_decisions (
        message_id       uuid PRIMARY KEY,
        scored_event_id  uuid NOT NULL UNIQUE,
        customer_id      text NOT NULL,
        decided_at       timestamptz NOT NULL,
        action           text NOT NULL,
        segment          text,
        campaign_id      text,
        campaign_version integer,
        variant          text,
        channel          text,
        reason           text NOT NULL,
        budget_day       text,
        reserved_cents   bigint NOT NULL DEFAULT 0,
        budget_status    text NOT NULL DEFAULT 'none'
      );
      CREATE INDEX orchestrator_decisions_customer_sent ON orchestrator_decisions (customer_id, decided_at) WHERE action = 'send';
      CREATE TABLE orchestrator_outbox (
        id           bigserial PRIMARY KEY,
        message_id   uuid NOT NULL UNIQUE,
        topic        text NOT NULL,
        payload      jsonb NOT NULL,
        trace_id     text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      );
      CREATE INDEX orchestrator_outbox_pending ON orchestrator_outbox (id) WHERE published_at IS NULL;
    `,
  },
  {
    version: 2,
    name: 'versioned campaign definitions',
    sql: `
      CREATE TABLE orchestrator_campaigns (
        campaign_id text        NOT NULL,
        version     integer     NOT NULL CHECK (version > 0),
        definition  jsonb       NOT NULL,
        source      text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, version)
      );
    `,
  },
  {
    version: 3,
    name: 'guard rails: scheduled sends, conversions, suppressions',
    sql: `
      ALTER TABLE orchestrator_outbox ADD COLUMN release_at timestamptz;
      ALTER TABLE orchestrator_decisions ADD COLUMN release_at timestamptz;
      DROP INDEX orchestrator_outbox_pending;
      CREATE INDEX orchestrator_outbox_pending ON orchestrator_outbox (id) WHERE published_at IS NULL;
      CREATE INDEX orchestrator_outbox_held ON orchestrator_outbox (release_at) WHERE published_at IS NULL AND release_at IS NOT NULL;
      CREATE TABLE orchestrator_customer_signals (
        customer_id       text PRIMARY KEY,
        last_converted_at timestamptz
      );
      CREATE TABLE orchestrator_suppressions (
        customer_id text        NOT NULL,
        channel     text        NOT NULL,
        reason      text        NOT NULL,
        lifted      boolean     NOT NULL DEFAULT false,
        changed_at  timestamptz NOT NULL,
        PRIMARY KEY (customer_id, channel)
      );
    `,
  },
];
