import type { SqlClient } from '@syncengage/db';
import type { Inbox, InboxMessage, MarkRead } from '../../application/ports';

interface InboxRow {
  message_id: string;
  customer_id: string;
  campaign_id: string;
  subject: string | null;
  body: string;
  created_at: Date | string;
  read_at: Date | string | null;
}

const COLUMNS = 'message_id, customer_id, campaign_id, subject, body, created_at, read_at';

export class PostgresInbox implements Inbox {
  constructor(private readonly db: SqlClient) {}

  async add(message: Omit<InboxMessage, 'createdAt' | 'readAt'>): Promise<InboxMessage | undefined> {
    const { rows } = await this.db.query<InboxRow>(
      `INSERT INTO notifier_inbox (message_id, customer_id, campaign_id, subject, body) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (message_id) DO NOTHING RETURNING ${COLUMNS}`,
      [message.messageId, message.customerId, message.campaignId, message.subject ?? null, message.body],
    );
    return rows[0] ? toMessage(rows[0]) : undefined;
  }

  async list(customerId: string, limit: number): Promise<{ messages: InboxMessage[]; unread: number }> {
    const [listed, counted] = await Promise.all([
      this.db.query<InboxRow>(`SELECT ${COLUMNS} FROM notifier_inbox WHERE customer_id = $1 ORDER BY created_at DESC, message_id LIMIT $2`, [customerId, limit]),
      this.db.query<{ unread: string | number }>('SELECT count(*) AS unread FROM notifier_inbox WHERE customer_id = $1 AND read_at IS NULL', [customerId]),
    ]);
    return { messages: listed.rows.map(toMessage), unread: Number(counted.rows[0]?.unread ?? 0) };
  }

  /** The first read wins: a second one (another tab) keeps the first time, and says so. */
  async markRead(customerId: string, messageId: string, at: Date): Promise<MarkRead> {
    const updated = await this.db.query<{ read_at: Date | string }>(
      'UPDATE notifier_inbox SET read_at = $3 WHERE customer_id = $1 AND message_id = $2 AND read_at IS NULL RETURNING read_at',
      [customerId, messageId, at.toISOString()],
    );
    if (updated.rows[0]) return { state: 'read', readAt: iso(updated.rows[0].read_at) };
    const existing = await this.db.query<{ read_at: Date | string }>('SELECT read_at FROM notifier_inbox WHERE customer_id = $1 AND message_id = $2', [
      customerId,
      messageId,
    ]);
    return existing.rows[0] ? { state: 'already-read', readAt: iso(existing.rows[0].read_at) } : { state: 'not-found' };
  }
}

function toMessage(row: InboxRow): InboxMessage {
  return {
    messageId: row.message_id,
    customerId: row.customer_id,
    campaignId: row.campaign_id,
    ...(row.subject !== null ? { subject: row.subject } : {}),
    body: row.body,
    createdAt: iso(row.created_at),
    ...(row.read_at !== null ? { readAt: iso(row.read_at) } : {}),
  };
}

const iso = (value: Date | string): string => new Date(value).toISOString();
