import type { SqlClient } from '@syncengage/db';
import type { SendReceipt } from '../../domain/channel-sender';
import type { Claim, SendLedger } from '../../application/ports';

interface SendRow {
  status: string;
  provider: string | null;
  provider_message_id: string | null;
  failure_reason: string | null;
  attempts: number;
}

export class PostgresSendLedger implements SendLedger {
  constructor(private readonly db: SqlClient) {}

  async claim(messageId: string, customerId: string, channel: string): Promise<Claim> {
    const inserted = await this.db.query(
      "INSERT INTO notifier_sends (message_id, customer_id, channel, status) VALUES ($1, $2, $3, 'sending') ON CONFLICT (message_id) DO NOTHING RETURNING message_id",
      [messageId, customerId, channel],
    );
    if (inserted.rows.length > 0) return { state: 'new' };
    const existing = await this.db.query<SendRow>(
      "UPDATE notifier_sends SET attempts = attempts + CASE WHEN status = 'sending' THEN 1 ELSE 0 END, updated_at = now() WHERE message_id = $1 RETURNING status, provider, provider_message_id, failure_reason, attempts",
      [messageId],
    );
    const row = existing.rows[0];
    if (row.status === 'sent' || row.status === 'failed') {
      return {
        state: 'done',
        status: row.status,
        receipt: { provider: row.provider ?? 'unknown', providerMessageId: row.provider_message_id ?? undefined },
        failureReason: row.failure_reason ?? undefined,
      };
    }
    return { state: 'retry', attempts: row.attempts };
  }

  async markSent(messageId: string, receipt: SendReceipt): Promise<void> {
    await this.db.query("UPDATE notifier_sends SET status = 'sent', provider = $2, provider_message_id = $3, updated_at = now() WHERE message_id = $1", [
      messageId,
      receipt.provider,
      receipt.providerMessageId ?? null,
    ]);
  }

  async markFailed(messageId: string, provider: string, reason: string): Promise<void> {
    await this.db.query("UPDATE notifier_sends SET status = 'failed', provider = $2, failure_reason = $3, updated_at = now() WHERE message_id = $1", [
      messageId,
      provider,
      reason,
    ]);
  }
}
