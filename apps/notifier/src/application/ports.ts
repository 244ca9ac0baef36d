import type { CampaignResult, Channel, DeliveryAttempt, MessageRequested } from '@syncengage/contracts';
import type { ConsumedRecord } from '@syncengage/kafka';
import type { SendReceipt } from '../domain/channel-sender';
import type { PushSubscriptionKeys } from '../domain/push-subscription';
import type { SmsMeasure } from '../domain/sms-segments';
import type { EngagedMessage } from '../domain/attribution';
import type { Engagement, EngagementFact } from '../domain/engagement';

/**
 * `retry`: a previous delivery of this message did not finish. `inDoubt` says the last attempt was in flight
 * (the process died, or the provider timed out), so the provider may have the message already.
 */
export type Claim =
  | { state: 'new' }
  | { state: 'retry'; attempts: number; inDoubt: boolean; channel: Channel; history: DeliveryAttempt[] }
  | { state: 'done'; status: 'sent' | 'failed'; receipt: SendReceipt; failureReason?: string; channel: Channel };

/**
 * The send ledger, keyed by message id: what makes a redelivered message-requested send once. A row is
 * `pending` (nothing in flight), `sending` (an attempt is in flight: if we see it on a claim, we crashed or
 * timed out during it), then `sent` or `failed`.
 */
export interface SendLedger {
  claim(messageId: string, customerId: string, channel: Channel): Promise<Claim>;
  /** Marks an attempt in flight, before the provider is called. */
  beginAttempt(messageId: string, channel: Channel): Promise<void>;
  /** Ends an attempt that did not send: `sending` stays when its outcome is unknown, `pending` otherwise. */
  recordAttempt(messageId: string, attempt: DeliveryAttempt): Promise<void>;
  markSent(messageId: string, receipt: SendReceipt, attempt?: DeliveryAttempt, note?: string): Promise<void>;
  markFailed(messageId: string, provider: string, reason: string, attempt?: DeliveryAttempt): Promise<void>;
}

/** Where a message goes after its last retry, with everything that was tried. */
export interface DeliveryDeadLetters {
  publish(message: MessageRequested, history: DeliveryAttempt[], reason: string, traceId: string, origin?: ConsumedRecord): Promise<void>;
}

/** Waits between retries; tests pass one that records the delays instead. */
export type Sleep = (ms: number) => Promise<void>;

export const SEND_LEDGER = Symbol('SendLedger');
export const SENDER_REGISTRY = Symbol('SenderRegistry');

/** What the engagement store did with one fact. `pending` is a result saved with the fact and not yet published. */
export type AppliedFact =
  | { state: 'unknown-message' }
  | { state: 'applied' | 'duplicate'; engagement: Engagement; pending?: CampaignResult };

/** Per message: what happened after it was sent. Feeds every campaign-result after the send-time one. */
export interface EngagementStore {
  /** The row a message starts with when it is sent (or fails); a second call for the same message keeps the first. */
  open(engagement: Engagement): Promise<void>;
  /**
   * Under the message's row lock, once per fact id: `decide` gives the new row and the result to publish, which is
   * kept with the fact until `markPublished`, so a crash between the two is repaired by the provider's retry.
   */
  apply(fact: EngagementFact, decide: (current: Engagement) => { engagement: Engagement; result?: CampaignResult }): Promise<AppliedFact>;
  markPublished(factId: string): Promise<void>;
  /** Provider message ids (SendGrid's, Twilio's SIDs) do not collide, so the id alone finds the message. */
  messageIdForProviderMessage(providerMessageId: string): Promise<string | undefined>;
  /** The last message sent to this address on one of these channels: whom an inbound reply is from. */
  latestMessageTo(recipient: string, channels: readonly Channel[]): Promise<string | undefined>;
  /** The customer's messages first opened or clicked between `from` and `to`. */
  engagedBetween(customerId: string, from: Date, to: Date): Promise<EngagedMessage[]>;
}

/** The original URLs behind a message's tracked links. */
export interface TrackedLinkStore {
  save(messageId: string, links: readonly string[]): Promise<void>;
  find(messageId: string, linkIndex: number): Promise<string | undefined>;
}

/** Rewrites a message's links to the click redirect before it is sent. */
export interface LinkTracker {
  track(message: MessageRequested): Promise<MessageRequested>;
}

export const ENGAGEMENT_STORE = Symbol('EngagementStore');
export const TRACKED_LINK_STORE = Symbol('TrackedLinkStore');

/** What an SMS body measured (encoding, segments) when it was sent or refused, kept beside its ledger row. */
export interface SmsMeasures {
  record(messageId: string, measure: SmsMeasure): Promise<void>;
}

/** Web-push subscriptions per customer; one browser (endpoint) belongs to one customer at a time. */
export interface PushSubscriptions {
  save(customerId: string, subscription: PushSubscriptionKeys): Promise<void>;
  /** False when the endpoint was not stored. */
  remove(endpoint: string): Promise<boolean>;
  forCustomer(customerId: string): Promise<PushSubscriptionKeys[]>;
}

export interface InboxMessage {
  messageId: string;
  customerId: string;
  campaignId: string;
  subject?: string;
  body: string;
  createdAt: string;
  readAt?: string;
}

export type MarkRead = { state: 'read' | 'already-read'; readAt: string } | { state: 'not-found' };

/** The in-app inbox: one row per message id, so a redelivered message-requested adds nothing. */
export interface Inbox {
  /** The stored message, or undefined when it was already there. */
  add(message: Omit<InboxMessage, 'createdAt' | 'readAt'>): Promise<InboxMessage | undefined>;
  list(customerId: string, limit: number): Promise<{ messages: InboxMessage[]; unread: number }>;
  markRead(customerId: string, messageId: string, at: Date): Promise<MarkRead>;
}

/** Live delivery to the customer's open inbox streams (SSE) in this process. */
export interface InboxFeed {
  publish(message: InboxMessage): void;
  /** Returns the unsubscribe. */
  subscribe(customerId: string, listener: (message: InboxMessage) => void): () => void;
}

/**
 * Told when a customer reads an in-app message for the first time: engagement tracking binds this to report the
 * message opened. The default does nothing.
 */
export interface InboxReadListener {
  messageRead(read: { messageId: string; customerId: string; readAt: string }): Promise<void>;
}

export const PUSH_SUBSCRIPTIONS = Symbol('PushSubscriptions');
export const INBOX = Symbol('Inbox');
export const INBOX_FEED = Symbol('InboxFeed');
export const INBOX_READ_LISTENER = Symbol('InboxReadListener');
