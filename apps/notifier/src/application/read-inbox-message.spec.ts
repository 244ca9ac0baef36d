import { ReadInboxMessage } from './read-inbox-message';
import type { Inbox, InboxMessage, InboxReadListener, MarkRead } from './ports';

class MemoryInbox implements Inbox {
  readonly rows = new Map<string, InboxMessage>();

  async add(message: Omit<InboxMessage, 'createdAt' | 'readAt'>): Promise<InboxMessage | undefined> {
    if (this.rows.has(message.messageId)) return undefined;
    const stored = { ...message, createdAt: '2026-01-15T10:00:00.000Z' };
    this.rows.set(message.messageId, stored);
    return stored;
  }

  async list(customerId: string): Promise<{ messages: InboxMessage[]; unread: number }> {
    const messages = [...this.rows.values()].filter((row) => row.customerId === customerId);
    return { messages, unread: messages.filter((row) => !row.readAt).length };
  }

  async markRead(customerId: string, messageId: string, at: Date): Promise<MarkRead> {
    const row = this.rows.get(messageId);
    if (!row || row.customerId !== customerId) return { state: 'not-found' };
    if (row.readAt) return { state: 'already-read', readAt: row.readAt };
    row.readAt = at.toISOString();
    return { state: 'read', readAt: row.readAt };
  }
}

describe(ReadInboxMessage.name, () => {
  it('tells the listener about the first read only, and nothing about another customer\'s message', async () => {
    const inbox = new MemoryInbox();
    await inbox.add({ messageId: 'm-1', customerId: 'c-1', campaignId: 'win-back', body: 'hello' });
    const reads: unknown[] = [];
    const listener: InboxReadListener = { messageRead: async (read) => void reads.push(read) };
    const times = [new Date('2026-01-15T11:00:00Z'), new Date('2026-01-15T12:00:00Z'), new Date('2026-01-15T13:00:00Z')];
    const read = new ReadInboxMessage(inbox, listener, () => times.shift()!);

    expect(await read.execute('c-1', 'm-1')).toEqual({ state: 'read', readAt: '2026-01-15T11:00:00.000Z' });
    expect(await read.execute('c-1', 'm-1')).toEqual({ state: 'already-read', readAt: '2026-01-15T11:00:00.000Z' });
    expect(await read.execute('c-2', 'm-1')).toEqual({ state: 'not-found' });
    expect(reads).toEqual([{ customerId: 'c-1', messageId: 'm-1', readAt: '2026-01-15T11:00:00.000Z' }]);
  });
});
