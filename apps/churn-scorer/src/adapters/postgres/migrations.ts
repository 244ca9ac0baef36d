import type { Migration } from '@syncengage/db';

export const CHURN_SCORER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'customer activity and processed events',
    sql: `
      CREATE TABLE scorer_customers (
        customer_id        text PRIMARY KEY,
        activity           jsonb NOT NULL,
        profile            jsonb NOT NULL DEFAULT '{}'::jsonb,
        updated_at         timestamptz NOT NULL DEFAULT now(),
        last_score         double precision,
        last_band          text,
        last_model_version text,
        last_scored_at     timestamptz
      );
      CREATE TABLE scorer_processed_events (
        event_id     uuid PRIMARY KEY,
        customer_id  text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX scorer_customers_last_scored_at ON scorer_customers (last_scored_at);
    `,
  },
];
