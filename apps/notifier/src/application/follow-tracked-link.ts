import { randomUUID } from 'node:crypto';
import type { RecordEngagement } from './record-engagement';
import type { TrackMessageLinks } from './track-links';

/** A click on a tracked link: recorded as engagement, answered with where the link really goes. */
export class FollowTrackedLink {
  constructor(private readonly links: TrackMessageLinks, private readonly recordEngagement: RecordEngagement, private readonly now: () => Date) {}

  /** The URL to redirect to, or undefined when the token is not one of ours. */
  async execute(token: string, traceId: string): Promise<string | undefined> {
    const link = await this.links.resolve(token);
    if (!link) return undefined;
    // Every visit is its own click (a customer may come back tomorrow); only the first reports `clicked`.
    await this.recordEngagement.execute({ factId: `click:${randomUUID()}`, messageId: link.messageId, at: this.now().toISOString(), kind: 'clicked' }, traceId);
    return link.url;
  }
}
