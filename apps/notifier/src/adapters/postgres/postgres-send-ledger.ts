import type { Channel, DeliveryAttempt } from '@syncengage/contracts';
import type { SqlClient } from '@syncengage/db';
import type { SendReceipt } from '../../domain/channel-sender';
import type { Claim, SendLedger } from '../../application/ports';

interface SendRow {
  status: string;
  channel: Channel;
  provider: string | null;
  provider_message_id: string | null;
  failure_reason: string | null;
  attempts: number;
  history: DeliveryAttempt[] | string;
}

export class PostgresSendLedger implements SendLedger {
  constructor(private readonly db: SqlClient) {}

  async claim(messageId: string, customerId: string, channel: Channel): Promise<Claim> {
    const inserted = await this.db.query(
      "INSERT INTO notifier_sends (message_id, customer_id, channel, status, attempts) VALUES ($1, $2, $3, 'pending', 0) ON CONFLICT (message_id) DO NOTHING RETURNING message_id",
      [messageId, customerId, channel],
    );
    if (inserted.rows.length > 0) return { state: 'new' };
    const existing = await this.db.query<SendRow>(
      'SELECT status, channel, provider, provider_message_id, failure_reason, attempts, history FROM notifier_sends WHERE message_id = $1',
      [messageId],
    );
    const row = existing.rows[0];
    if (row.status === 'sent' || row.status === 'failed') {
      return {
        state: 'done',
        status: row.status,
        channel: row.channel,
        receipt: { provider: row.provider ?? 'unknown', providerMessageId: row.provider_message_id ?? undefined },
        failureReason: row.failure_reason ?? undefined,
      };
    }
    const history = typeof row.history === 'string' ? (JSON.parse(row.history) as DeliveryAttempt[]) : row.history;
    return { state: 'retry', attempts: row.attempts, inDoubt: row.status === 'sending', channel: row.channel, history };
  }

  async beginAttempt(messageId: string, channel: Channel): Promise<void> {
    await this.db.query("UPDATE notifier_sends SET status = 'sending', channel = $2, attempts = attempts + 1, updated_at = now() WHERE message_id = $1", [
      messageId,
      channel,
    ]);
  }

  async recordAttempt(messageId: string, attempt: DeliveryAttempt): Promise<void> {
    await this.db.query(
      `UPDATE notifier_sends SET status = $2, history = history || $3::jsonb, failure_reason = $4, updated_at = now() WHERE message_id = $1`,
      [messageId, attempt.outcome === 'in-doubt' ? 'sending' : 'pending', JSON.stringify([attempt]), attempt.detail ?? null],
    );
  }

  async markSent(messageId: string, receipt: SendReceipt, attempt?: DeliveryAttempt, note?: string): Promise<void> {
    await this.db.query(
      `UPDATE notifier_sends SET status = 'sent', provider = $2, provider_message_id = $3, history = history || $4::jsonb, failure_reason = $5, updated_at = now()
        WHERE message_id = $1`,
      [messageId, receipt.provider, receipt.providerMessageId ?? null, JSON.stringify(attempt ? [attempt] : []), note ?? null],
    );
  }

  async markFailed(messageId: string, provider: string, reason: string, attempt?: DeliveryAttempt): Promise<void> {
    await this.db.query(
      "UPDATE notifier_sends SET status = 'failed', provider = $2, failure_reason = $3, history = history || $4::jsonb, updated_at = now() WHERE message_id = $1",
      [messageId, provider, reason, JSON.stringify(attempt ? [attempt] : [])],
    );
  }
}
