import type { SqlClient } from '@syncengage/db';
import type { SmsMeasures } from '../../application/ports';
import type { SmsMeasure } from '../../domain/sms-segments';

/** On the message's ledger row, which the send's claim created before any sender runs. */
export class PostgresSmsMeasures implements SmsMeasures {
  constructor(private readonly db: SqlClient) {}

  async record(messageId: string, measure: SmsMeasure): Promise<void> {
    await this.db.query('UPDATE notifier_sends SET sms_encoding = $2, sms_segments = $3 WHERE message_id = $1', [messageId, measure.encoding, measure.segments]);
  }
}
