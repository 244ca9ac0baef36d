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
  {
    version: 4,
    name: 'journeys with durable timers, and the last segment of each customer',
    sql: `
      CREATE TABLE orchestrator_journey_instances (
        instance_id      uuid        PRIMARY KEY,
        customer_id      text        NOT NULL,
        campaign_id      text        NOT NULL,
        campaign_version integer     NOT NULL,
        segment          text        NOT NULL,
        variant          text        NOT NULL,
        status           text        NOT NULL,
        state            jsonb       NOT NULL,
        customer         jsonb       NOT NULL,
        due_at           timestamptz,
        started_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        UNIQUE (customer_id, campaign_id)
      );
      CREATE INDEX orchestrator_journey_due ON orchestrator_journey_instances (due_at) WHERE status = 'active' AND due_at IS NOT NULL;
      CREATE TABLE orchestrator_journey_history (
        id          bigserial   PRIMARY KEY,
        instance_id uuid        NOT NULL,
        event       text        NOT NULL,
        trail       text        NOT NULL,
        status      text        NOT NULL,
        at          timestamptz NOT NULL
      );
      CREATE INDEX orchestrator_journey_history_instance ON orchestrator_journey_history (instance_id, id);
      CREATE TABLE orchestrator_customer_segments (
        customer_id     text        PRIMARY KEY,
        segment         text,
        scored_event_id uuid        NOT NULL,
        changed_at      timestamptz NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'discount bandits and A/B experiment results',
    sql: `
      CREATE TABLE orchestrator_bandit_arms (
        context_key      text             NOT NULL,
        discount_percent double precision NOT NULL,
        successes        double precision NOT NULL CHECK (successes >= 0),
        failures         double precision NOT NULL CHECK (failures >= 0),
        risk_band        text             NOT NULL,
        updated_at       timestamptz      NOT NULL DEFAULT now(),
        PRIMARY KEY (context_key, discount_percent)
      );
      CREATE INDEX orchestrator_bandit_arms_band ON orchestrator_bandit_arms (risk_band);
      CREATE TABLE orchestrator_bandit_pulls (
        message_id       uuid             PRIMARY KEY,
        context_key      text             NOT NULL,
        campaign_id      text             NOT NULL,
        scope            text             NOT NULL,
        segment          text             NOT NULL,
        risk_band        text             NOT NULL,
        discount_percent double precision NOT NULL,
        optimizer        jsonb            NOT NULL,
        posterior        jsonb            NOT NULL,
        sampled_reward   double precision NOT NULL,
        decided_at       timestamptz      NOT NULL,
        learned_reward   double precision,
        learned_at       timestamptz
      );
      CREATE TABLE orchestrator_experiment_outcomes (
        message_id       uuid        PRIMARY KEY,
        campaign_id      text        NOT NULL,
        campaign_version integer     NOT NULL,
        variant          text        NOT NULL,
        customer_id      text        NOT NULL,
        sent             boolean     NOT NULL,
        opened           boolean     NOT NULL,
        clicked          boolean     NOT NULL,
        converted        boolean     NOT NULL,
        converted_at     timestamptz,
        revenue_cents    bigint      NOT NULL,
        last_event_at    timestamptz NOT NULL
      );
      CREATE TABLE orchestrator_experiment_purchases (
        customer_id  text        NOT NULL,
        order_id     text        NOT NULL,
        change       text        NOT NULL,
        amount_cents bigint      NOT NULL,
        ordered_at   timestamptz NOT NULL,
        PRIMARY KEY (customer_id, order_id, change)
      );
      CREATE INDEX orchestrator_experiment_purchases_time ON orchestrator_experiment_purchases (customer_id, ordered_at);
      CREATE INDEX orchestrator_decisions_experiment ON orchestrator_decisions (campaign_id, campaign_version, customer_id) WHERE action IN ('send', 'holdout');
      CREATE INDEX orchestrator_decisions_experiment_customer ON orchestrator_decisions (customer_id, decided_at) WHERE action IN ('send', 'holdout');
      CREATE TABLE orchestrator_promotions (
        campaign_id  text        NOT NULL,
        from_version integer     NOT NULL,
        winner       text        NOT NULL,
        reason       text        NOT NULL,
        to_version   integer,
        claimed_at   timestamptz NOT NULL DEFAULT now(),
        promoted_at  timestamptz,
        PRIMARY KEY (campaign_id, from_version)
      );
    `,
  },
];
