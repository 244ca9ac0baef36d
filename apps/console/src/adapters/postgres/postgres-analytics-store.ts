import type { SqlClient } from '@syncengage/db';
import type { AnalyticsRow } from '../../domain/analytics-row';
import type { AnalyticsStore } from '../../application/ports';
import { refreshMessagesSql } from './message-rollup-sql';

const COLUMNS = [
  ['event_id', 'uuid'], ['event_type', 'text'], ['occurred_at', 'timestamptz'], ['customer_id', 'text'], ['campaign_id', 'text'],
  ['campaign_version', 'int'], ['variant', 'text'], ['segment', 'text'], ['channel', 'text'], ['locale', 'text'],
  ['message_id', 'uuid'], ['stage', 'text'], ['score', 'float8'], ['band', 'text'], ['model_version', 'text'],
  ['amount_cents', 'bigint'], ['discount_cents', 'bigint'], ['payload', 'jsonb'],
] as const;

// One array parameter per column: a batch of any size is one statement with 18 parameters.
const INSERT_EVENTS = `
  INSERT INTO console_events (${COLUMNS.map(([name]) => name).join(', ')})
  SELECT * FROM unnest(${COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')})
  ON CONFLICT (event_id) DO NOTHING
  RETURNING message_id`;

export class PostgresAnalyticsStore implements AnalyticsStore {
  constructor(private readonly db: SqlClient) {}

  async append(rows: readonly AnalyticsRow[]): Promise<{ inserted: number }> {
    if (rows.length === 0) return { inserted: 0 };
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query<{ message_id: string | null }>(INSERT_EVENTS, columnArrays(rows));
      const messageIds = [...new Set(inserted.rows.map((row) => row.message_id).filter((id): id is string => id !== null))].sort();
      if (messageIds.length > 0) {
        // A message's request and results arrive on two topics, maybe at once: whoever refreshes second must see
        // the first one's committed event, so refreshes of one message take turns (sorted ids: no deadlock).
        await tx.query('SELECT pg_advisory_xact_lock(hashtext(id)) FROM unnest($1::text[]) AS id', [messageIds]);
        await tx.query(refreshMessagesSql(true), [messageIds]);
      }
      return { inserted: inserted.rows.length };
    });
  }

  async rebuildRollup(): Promise<{ messages: number }> {
    return this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM console_messages');
      await tx.query(refreshMessagesSql(false));
      const count = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM console_messages');
      return { messages: count.rows[0].n };
    });
  }

  async truncate(): Promise<void> {
    await this.db.exec('TRUNCATE console_events, console_messages');
  }

  async countsByType(): Promise<Record<string, number>> {
    const result = await this.db.query<{ event_type: string; n: number }>('SELECT event_type, count(*)::int AS n FROM console_events GROUP BY 1');
    return Object.fromEntries(result.rows.map((row) => [row.event_type, row.n]));
  }
}

function columnArrays(rows: readonly AnalyticsRow[]): unknown[][] {
  return [
    rows.map((r) => r.eventId), rows.map((r) => r.topic), rows.map((r) => r.occurredAt), rows.map((r) => r.customerId),
    rows.map((r) => r.campaignId), rows.map((r) => r.campaignVersion), rows.map((r) => r.variant), rows.map((r) => r.segment),
    rows.map((r) => r.channel), rows.map((r) => r.locale), rows.map((r) => r.messageId), rows.map((r) => r.stage),
    rows.map((r) => r.score), rows.map((r) => r.band), rows.map((r) => r.modelVersion), rows.map((r) => r.amountCents),
    rows.map((r) => r.discountCents), rows.map((r) => JSON.stringify(r.payload)),
  ];
}
