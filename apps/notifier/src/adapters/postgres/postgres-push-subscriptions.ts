import type { SqlClient } from '@syncengage/db';
import type { PushSubscriptions } from '../../application/ports';
import type { PushSubscriptionKeys } from '../../domain/push-subscription';

export class PostgresPushSubscriptions implements PushSubscriptions {
  constructor(private readonly db: SqlClient) {}

  /** Keyed by endpoint: a browser re-subscribing (new keys) or signed in as someone else replaces its old row. */
  async save(customerId: string, subscription: PushSubscriptionKeys): Promise<void> {
    await this.db.query(
      `INSERT INTO notifier_push_subscriptions (endpoint, customer_id, p256dh, auth) VALUES ($1, $2, $3, $4)
       ON CONFLICT (endpoint) DO UPDATE SET customer_id = EXCLUDED.customer_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, created_at = now()`,
      [subscription.endpoint, customerId, subscription.keys.p256dh, subscription.keys.auth],
    );
  }

  async remove(endpoint: string): Promise<boolean> {
    const result = await this.db.query('DELETE FROM notifier_push_subscriptions WHERE endpoint = $1', [endpoint]);
    return result.rowCount > 0;
  }

  async forCustomer(customerId: string): Promise<PushSubscriptionKeys[]> {
    const { rows } = await this.db.query<{ endpoint: string; p256dh: string; auth: string }>(
      'SELECT endpoint, p256dh, auth FROM notifier_push_subscriptions WHERE customer_id = $1 ORDER BY created_at',
      [customerId],
    );
    return rows.map((row) => ({ endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } }));
  }
}
