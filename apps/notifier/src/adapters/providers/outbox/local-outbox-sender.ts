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
        recipientOf(message),
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

/** Email and phone channels have an address; push and in-app are keyed by the customer. */
function recipientOf(message: MessageRequested): string | undefined {
  if (message.channel === 'email') return message.recipient.email;
  if (message.channel === 'push' || message.channel === 'in_app') return message.customerId;
  return message.recipient.phone;
}
