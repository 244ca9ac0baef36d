import type { Migration } from '@syncengage/db';

export const INGEST_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'webhook receipts and order owners',
    sql: `
      CREATE TABLE ingest_webhook_receipts (
        source      text        NOT NULL,
        delivery_id text        NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (source, delivery_id)
      );
      CREATE INDEX ingest_webhook_receipts_received_at ON ingest_webhook_receipts (received_at);
      CREATE TABLE ingest_order_owners (
        source      text NOT NULL,
        order_id    text NOT NULL,
        customer_id text NOT NULL,
        PRIMARY KEY (source, order_id)
      )
    `,
  },
  {
    version: 2,
    name: 'CRM sync checkpoints',
    sql: `
      CREATE TABLE ingest_sync_checkpoints (
        provider   text        NOT NULL,
        stream     text        NOT NULL,
        mode       text        NOT NULL CHECK (mode IN ('import', 'changes')),
        cursor     text,
        done       boolean     NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, stream, mode)
      )
    `,
  },
  {
    version: 3,
    name: 'own customer store',
    sql: `
      CREATE TABLE ingest_customers (
        id         text        PRIMARY KEY,
        profile    jsonb       NOT NULL,
        attributes jsonb       NOT NULL,
        version    integer     NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )
    `,
  },
];
