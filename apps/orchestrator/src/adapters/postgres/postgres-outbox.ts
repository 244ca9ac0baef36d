import type { SqlClient } from '@syncengage/db';
import { type EventOf, type MessageRequested, type Topic } from '@syncengage/contracts';
import type { EventPublisher } from '@syncengage/kafka';
import type { Outbox } from '../../application/ports';

interface OutboxRow {
  id: string;
  topic: Topic;
  payload: MessageRequested | string;
  trace_id: string;
}

/**
 * Publishes committed decisions. SKIP LOCKED lets several instances flush at once without sending a row
 * twice; a crash after publishing but before marking resends it, and the notifier's send ledger drops the copy.
 * A row held for quiet hours waits for its `release_at`: the scheduled send survives restarts because it is
 * nothing but this row. The clock is the service's, so the embedded demo's simulated days release them too.
 */
export class PostgresOutbox implements Outbox {
  constructor(
    private readonly db: SqlClient,
    private readonly publisher: EventPublisher,
    private readonly now: () => Date = () => new Date(),
    private readonly batchSize = 100,
  ) {}

  async flush(): Promise<number> {
    let published = 0;
    for (;;) {
      const count = await this.db.transaction(async (tx) => {
        const pending = await tx.query<OutboxRow>(
          `SELECT id, topic, payload, trace_id FROM orchestrator_outbox
            WHERE published_at IS NULL AND (release_at IS NULL OR release_at <= $2)
            ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [this.batchSize, this.now().toISOString()],
        );
        for (const row of pending.rows) {
          // Rows carry their topic: decisions leave message-requested, segment changes segment-changed.
          const message = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as EventOf<Topic>;
          await this.publisher.publish(row.topic, message, row.trace_id);
          await tx.query('UPDATE orchestrator_outbox SET published_at = now() WHERE id = $1', [row.id]);
        }
        return pending.rows.length;
      });
      published += count;
      if (count < this.batchSize) return published;
    }
  }
}
