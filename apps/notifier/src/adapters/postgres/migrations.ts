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
];
