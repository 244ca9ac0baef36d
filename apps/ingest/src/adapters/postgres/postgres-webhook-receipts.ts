import type { SqlClient } from '@syncengage/db';
import type { OrderOwners, WebhookReceipts } from '../../application/ports';

/** Vendors retry for up to three days (Stripe); a week of receipts outlives every retry schedule. */
const RETENTION_MS = 7 * 24 * 3600_000;
const PURGE_EVERY_MS = 3600_000;

export class PostgresWebhookReceipts implements WebhookReceipts {
  private lastPurgeMs = 0;

  constructor(private readonly db: SqlClient) {}

  async claim(source: string, deliveryId: string, receivedAt: Date): Promise<boolean> {
    await this.purgeNowAndThen(receivedAt);
    const inserted = await this.db.query(
      'INSERT INTO ingest_webhook_receipts (source, delivery_id, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1 AS claimed',
      [source, deliveryId, receivedAt.toISOString()],
    );
    return inserted.rows.length === 1;
  }

  async release(source: string, deliveryId: string): Promise<void> {
    await this.db.query('DELETE FROM ingest_webhook_receipts WHERE source = $1 AND delivery_id = $2', [source, deliveryId]);
  }

  private async purgeNowAndThen(now: Date): Promise<void> {
    if (now.getTime() - this.lastPurgeMs < PURGE_EVERY_MS) return;
    this.lastPurgeMs = now.getTime();
    await this.db.query('DELETE FROM ingest_webhook_receipts WHERE received_at < $1', [new Date(now.getTime() - RETENTION_MS).toISOString()]);
  }
}

export class PostgresOrderOwners implements OrderOwners {
  constructor(private readonly db: SqlClient) {}

  async remember(source: string, orderId: string, customerId: string): Promise<void> {
    await this.db.query(
      'INSERT INTO ingest_order_owners (source, order_id, customer_id) VALUES ($1, $2, $3) ON CONFLICT (source, order_id) DO UPDATE SET customer_id = EXCLUDED.customer_id',
      [source, orderId, customerId],
    );
  }

  async ownerOf(source: string, orderId: string): Promise<string | undefined> {
    const found = await this.db.query<{ customer_id: string }>('SELECT customer_id FROM ingest_order_owners WHERE source = $1 AND order_id = $2', [source, orderId]);
    return found.rows[0]?.customer_id;
  }
}
