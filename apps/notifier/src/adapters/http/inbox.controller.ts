import { Controller, DefaultValuePipe, Get, HttpCode, Inject, NotFoundException, Param, ParseIntPipe, ParseUUIDPipe, Post, Query, Sse, type MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import { INBOX, INBOX_FEED, type Inbox, type InboxFeed, type InboxMessage } from '../../application/ports';
import { ReadInboxMessage } from '../../application/read-inbox-message';

/** The customer's in-app inbox: the list, marking a message read, and new messages live over Server-Sent Events. */
@Controller('inbox/:customerId')
export class InboxController {
  constructor(
    @Inject(INBOX) private readonly inbox: Inbox,
    @Inject(INBOX_FEED) private readonly feed: InboxFeed,
    @Inject(ReadInboxMessage) private readonly readMessage: ReadInboxMessage,
  ) {}

  /** Newest first, with the count of unread messages for the badge. */
  @Get()
  async list(
    @Param('customerId') customerId: string,
    @Query('limit', new DefaultValuePipe(50), ParseIntPipe) limit: number,
  ): Promise<{ customerId: string; unread: number; messages: InboxMessage[] }> {
    const { messages, unread } = await this.inbox.list(customerId, Math.min(Math.max(limit, 1), 200));
    return { customerId, unread, messages };
  }

  @Post(':messageId/read')
  @HttpCode(200)
  async markRead(
    @Param('customerId') customerId: string,
    @Param('messageId', new ParseUUIDPipe()) messageId: string,
  ): Promise<{ messageId: string; readAt: string; firstRead: boolean }> {
    const outcome = await this.readMessage.execute(customerId, messageId);
    if (outcome.state === 'not-found') throw new NotFoundException(`no message ${messageId} in the inbox of ${customerId}`);
    return { messageId, readAt: outcome.readAt, firstRead: outcome.state === 'read' };
  }

  /** One `message` event per message delivered while the stream is open; the event id is the message id. */
  @Sse('stream')
  stream(@Param('customerId') customerId: string): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) =>
      this.feed.subscribe(customerId, (message) => subscriber.next({ type: 'message', id: message.messageId, data: message })),
    );
  }
}
