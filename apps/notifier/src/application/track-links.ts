import type { MessageRequested } from '@syncengage/contracts';
import { signLinkToken, verifyLinkToken } from '../domain/link-token';
import { trackLinks } from '../domain/tracked-links';
import type { LinkTracker, TrackedLinkStore } from './ports';

export interface LinkTrackingSettings {
  /** Where customers reach the redirect, e.g. https://go.example.com; tracked links are `<base>/r/<token>`. */
  baseUrl: string;
  /** HMAC key of the tokens: without it nobody can mint a link that records a click. */
  secret: string;
}

/** Rewrites every http(s) link of a message to the click redirect, remembering the originals. */
export class TrackMessageLinks implements LinkTracker {
  private readonly baseUrl: string;

  constructor(private readonly links: TrackedLinkStore, private readonly settings: LinkTrackingSettings) {
    this.baseUrl = settings.baseUrl.replace(/\/+$/, '');
  }

  async track(message: MessageRequested): Promise<MessageRequested> {
    const tracked = trackLinks(message.content, (linkIndex) => `${this.baseUrl}/r/${signLinkToken({ messageId: message.eventId, linkIndex }, this.settings.secret)}`);
    if (tracked.links.length === 0) return message;
    // Saved before the send: a customer may click before the provider has even answered.
    await this.links.save(message.eventId, tracked.links);
    return { ...message, content: tracked.content };
  }

  /** The original URL behind a token, or undefined for a forged, edited or unknown one. */
  async resolve(token: string): Promise<{ messageId: string; url: string } | undefined> {
    const ref = verifyLinkToken(token, this.settings.secret);
    if (!ref) return undefined;
    const url = await this.links.find(ref.messageId, ref.linkIndex);
    return url ? { messageId: ref.messageId, url } : undefined;
  }
}
