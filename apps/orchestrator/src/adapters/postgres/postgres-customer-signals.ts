import type { Suppression } from '@syncengage/contracts';
import type { SqlClient } from '@syncengage/db';
import type { CustomerSignals } from '../../application/ports';

/** Conversions and suppressions per customer; each write keeps the newest fact, so redelivery and reordering are harmless. */
export class PostgresCustomerSignals implements CustomerSignals {
  constructor(private readonly db: SqlClient) {}

  async recordConversion(customerId: string, convertedAt: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO orchestrator_customer_signals (customer_id, last_converted_at) VALUES ($1, $2)
       ON CONFLICT (customer_id) DO UPDATE SET last_converted_at = GREATEST(orchestrator_customer_signals.last_converted_at, EXCLUDED.last_converted_at)`,
      [customerId, convertedAt.toISOString()],
    );
  }

  async applySuppression(customerId: string, suppression: Suppression, changedAt: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO orchestrator_suppressions (customer_id, channel, reason, lifted, changed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (customer_id, channel) DO UPDATE SET reason = EXCLUDED.reason, lifted = EXCLUDED.lifted, changed_at = EXCLUDED.changed_at
       WHERE orchestrator_suppressions.changed_at <= EXCLUDED.changed_at`,
      [customerId, suppression.channel, suppression.reason, suppression.lifted === true, changedAt.toISOString()],
    );
  }
}
