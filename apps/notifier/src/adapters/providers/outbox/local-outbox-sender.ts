import type { SqlClient } from '@syncengage/db';
import type { Channel, MessageRequested } from '@syncengage/contracts';
import type { ChannelSender, SendReceipt } from '../../../domain/channel-sender';

/** Development and the embedded default: messages are stored and listed, and nothing leaves the machine. */
export class LocalOutboxSender implements ChannelSender {
  readonly provider = 'local-outbox';
  // The table's primary key is the message id: storing a message twice keeps one.
  readonly idempotent = true;

  constructor(readonly channel: Channel, private readonly db: SqlClient) {}

  async send(message: MessageRequested): Promise<SendReceipt> {
    await this.db.query(
      `INSERT INTO notifier_local_outbox (message_id, customer_id, channel, recipient, subject, body, campaign_id, variant, locale)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (message_id) DO NOTHING`,
      [
        message.eventId,
        message.customerId,
        message.channel,
        message.channel === 'email' ? message.recipient.email : message.recipient.phone,
        message.content.subject ?? null,
        message.content.text,
        message.campaignId,
        message.variant,
        message.locale,
      ],
    );
    return { provider: this.provider, providerMessageId: message.eventId };
  }
}
