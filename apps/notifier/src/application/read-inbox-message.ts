import type { Inbox, InboxReadListener, MarkRead } from './ports';

/** A customer opened an in-app message: the first read is kept and told to engagement tracking, once. */
export class ReadInboxMessage {
  constructor(private readonly inbox: Inbox, private readonly listener: InboxReadListener, private readonly now: () => Date) {}

  async execute(customerId: string, messageId: string): Promise<MarkRead> {
    const outcome = await this.inbox.markRead(customerId, messageId, this.now());
    if (outcome.state === 'read') await this.listener.messageRead({ customerId, messageId, readAt: outcome.readAt });
    return outcome;
  }
}

/** Until engagement tracking binds its own: reads are kept in the inbox, and nothing more. */
export const IGNORE_INBOX_READS: InboxReadListener = { messageRead: async () => undefined };
