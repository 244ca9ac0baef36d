import type { Migration } from '@syncengage/db';

export const NOTIFIER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'send ledger and local outbox',
    sql: `
      CREATE TABLE notifier_sends (
        message_id          uuid PRIMARY KEY,
        customer_id         text NOT NULL,
        channel             text NOT NULL,
        status              text NOT NULL,
        provider            text,
        provider_message_id text,
        failure_reason      text,
        attempts            integer NOT NULL DEFAULT 1,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE notifier_local_outbox (
        message_id  uuid PRIMARY KEY,
        customer_id text NOT NULL,
        channel     text NOT NULL,
        recipient   text,
        subject     text,
        body        text NOT NULL,
        campaign_id text NOT NULL,
        variant     text NOT NULL,
        locale      text NOT NULL,
        stored_at   timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX notifier_local_outbox_customer ON notifier_local_outbox (customer_id, stored_at);
    `,
  },
  {
    version: 2,
    name: 'send attempts and their history',
    // 'pending' (nothing in flight) joins 'sending', which now means an attempt is in flight: a claim that
    // finds it knows the previous process died, or timed out, during the send.
    sql: `
      ALTER TABLE notifier_sends ADD COLUMN history jsonb NOT NULL DEFAULT '[]'::jsonb;
      ALTER TABLE notifier_sends ALTER COLUMN attempts SET DEFAULT 0;
    `,
  },
  {
    version: 3,
    name: 'sms segments, web-push subscriptions and the in-app inbox',
    // Segments are what the carrier bills: kept on the ledger row of each SMS, sent or refused.
    sql: `
      ALTER TABLE notifier_sends ADD COLUMN sms_encoding text, ADD COLUMN sms_segments integer;
      CREATE TABLE notifier_push_subscriptions (
        endpoint    text PRIMARY KEY,
        customer_id text NOT NULL,
        p256dh      text NOT NULL,
        auth        text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX notifier_push_subscriptions_customer ON notifier_push_subscriptions (customer_id);
      CREATE TABLE notifier_inbox (
        message_id  uuid PRIMARY KEY,
        customer_id text NOT NULL,
        campaign_id text NOT NULL,
        subject     text,
        body        text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        read_at     timestamptz
      );
      CREATE INDEX notifier_inbox_customer ON notifier_inbox (customer_id, created_at DESC);
    `,
  },
  {
    version: 4,
    name: 'engagement per message, its facts, and tracked links',
    // A fact row keeps the result it caused until published (an outbox): a crash between commit and publish
    // is repaired when the provider retries the webhook, instead of losing the result to de-duplication.
    sql: `
      CREATE TABLE notifier_engagement (
        message_id              uuid PRIMARY KEY,
        customer_id             text NOT NULL,
        campaign_id             text NOT NULL,
        campaign_version        integer NOT NULL,
        variant                 text NOT NULL,
        channel                 text NOT NULL,
        provider                text NOT NULL,
        provider_message_id     text,
        recipient               text,
        status                  text NOT NULL,
        stage                   text NOT NULL,
        discount_reserved_cents integer NOT NULL DEFAULT 0,
        failure_reason          text,
        sent_at                 timestamptz,
        delivered_at            timestamptz,
        opened_at               timestamptz,
        clicked_at              timestamptz,
        converted_at            timestamptz,
        click_count             integer NOT NULL DEFAULT 0,
        revenue_cents           bigint NOT NULL DEFAULT 0,
        converted_order_id      text,
        updated_at              timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX notifier_engagement_provider_message ON notifier_engagement (provider_message_id);
      CREATE INDEX notifier_engagement_recipient ON notifier_engagement (recipient, sent_at DESC);
      CREATE INDEX notifier_engagement_customer ON notifier_engagement (customer_id);
      CREATE TABLE notifier_engagement_facts (
        fact_id      text PRIMARY KEY,
        message_id   uuid NOT NULL REFERENCES notifier_engagement (message_id),
        kind         text NOT NULL,
        occurred_at  timestamptz NOT NULL,
        result       jsonb,
        published_at timestamptz,
        recorded_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE notifier_tracked_links (
        message_id uuid NOT NULL,
        link_index integer NOT NULL,
        url        text NOT NULL,
        PRIMARY KEY (message_id, link_index)
      );
    `,
  },
];
