import type { Channel, DeliveryAttempt, MessageRequested } from '@syncengage/contracts';
import type { ConsumedRecord } from '@syncengage/kafka';
import type { SendReceipt } from '../domain/channel-sender';

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
