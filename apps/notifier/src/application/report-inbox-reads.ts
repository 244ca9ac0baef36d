import type { InboxReadListener } from './ports';
import type { RecordEngagement } from './record-engagement';

/** A customer's first read of an in-app message is its open. */
export class ReportInboxReads implements InboxReadListener {
  constructor(private readonly recordEngagement: RecordEngagement, private readonly newTraceId: () => string) {}

  async messageRead(read: { messageId: string; customerId: string; readAt: string }): Promise<void> {
    await this.recordEngagement.execute({ factId: `inbox-read:${read.messageId}`, messageId: read.messageId, at: read.readAt, kind: 'opened' }, this.newTraceId());
  }
}
