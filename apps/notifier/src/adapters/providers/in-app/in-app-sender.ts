import type { MessageRequested } from '@syncengage/contracts';
import type { Inbox, InboxFeed } from '../../../application/ports';
import type { ChannelSender, SendReceipt } from '../../../domain/channel-sender';

/** Ours end to end: the inbox row is the delivery, and its primary key makes a resend a no-op. */
export class InAppSender implements ChannelSender {
  readonly provider = 'in-app';
  readonly channel = 'in_app' as const;
  readonly idempotent = true;

  constructor(private readonly inbox: Inbox, private readonly feed: InboxFeed) {}

  async send(message: MessageRequested): Promise<SendReceipt> {
    const stored = await this.inbox.add({
      messageId: message.eventId,
      customerId: message.customerId,
      campaignId: message.campaignId,
      subject: message.content.subject,
      body: message.content.text,
    });
    // Only a new row goes live: a redelivered message must not pop up twice in an open inbox.
    if (stored) this.feed.publish(stored);
    return { provider: this.provider, providerMessageId: message.eventId };
  }
}
