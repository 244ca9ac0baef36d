import type { SqlClient } from '@syncengage/db';
import type { CustomerProfile } from '@syncengage/contracts';
import { emptyActivity, type CustomerActivity } from '../../domain/customer-activity';
import type { CustomerState, CustomerStateStore, StoredScore } from '../../application/ports';

interface CustomerRow {
  customer_id: string;
  activity: CustomerActivity | string;
  profile: CustomerProfile | string;
}

/** Keeps each customer's features current incrementally: one row of running aggregates, never a history rescan. */
export class PostgresCustomerStateStore implements CustomerStateStore {
  constructor(private readonly db: SqlClient) {}

  async applyOnce(customerId: string, eventId: string, change: (state: CustomerState) => CustomerState): Promise<CustomerState> {
    return this.db.transaction(async (tx) => {
      const fresh = await tx.query(
        'INSERT INTO scorer_processed_events (event_id, customer_id) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING RETURNING event_id',
        [eventId, customerId],
      );
      // Lock the row so two deliveries of different events for one customer cannot interleave read and write.
      const existing = await tx.query<CustomerRow>('SELECT customer_id, activity, profile FROM scorer_customers WHERE customer_id = $1 FOR UPDATE', [customerId]);
      const current = existing.rows[0] ? toState(existing.rows[0]) : { customerId, activity: emptyActivity(), profile: {} };
      if (fresh.rows.length === 0) return current;
      const next = change(current);
      await tx.query(
        `INSERT INTO scorer_customers (customer_id, activity, profile, updated_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (customer_id) DO UPDATE SET activity = EXCLUDED.activity, profile = EXCLUDED.profile, updated_at = now()`,
        [customerId, JSON.stringify(next.activity), JSON.stringify(next.profile)],
      );
      return next;
    });
  }

  async find(customerId: string): Promise<CustomerState | undefined> {
    const result = await this.db.query<CustomerRow>('SELECT customer_id, activity, profile FROM scorer_customers WHERE customer_id = $1', [customerId]);
    return result.rows[0] ? toState(result.rows[0]) : undefined;
  }

  claimStale(staleBefore: Date, now: Date, limit: number): Promise<CustomerState[]> {
    return claimStaleCustomers(this.db, staleBefore, now, limit);
  }

  async recordScore(customerId: string, score: StoredScore): Promise<void> {
    await this.db.query(
      'UPDATE scorer_customers SET last_score = $2, last_band = $3, last_model_version = $4, last_scored_at = $5 WHERE customer_id = $1',
      [customerId, score.score, score.band, score.modelVersion, score.scoredAt.toISOString()],
    );
  }
}

export async function claimStaleCustomers(db: SqlClient, staleBefore: Date, now: Date, limit: number): Promise<CustomerState[]> {
  const claimed = await db.query<CustomerRow>(
    `UPDATE scorer_customers SET last_scored_at = $1
      WHERE customer_id IN (
        SELECT customer_id FROM scorer_customers
         WHERE last_scored_at IS NOT NULL AND last_scored_at < $2
         ORDER BY last_scored_at LIMIT $3 FOR UPDATE SKIP LOCKED)
      RETURNING customer_id, activity, profile`,
    [now.toISOString(), staleBefore.toISOString(), limit],
  );
  return claimed.rows.map(toState);
}

function toState(row: CustomerRow): CustomerState {
  return {
    customerId: row.customer_id,
    activity: typeof row.activity === 'string' ? JSON.parse(row.activity) : row.activity,
    profile: typeof row.profile === 'string' ? JSON.parse(row.profile) : row.profile,
  };
}
