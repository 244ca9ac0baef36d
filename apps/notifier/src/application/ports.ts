import type { SendReceipt } from '../domain/channel-sender';

export type Claim = { state: 'new' } | { state: 'retry'; attempts: number } | { state: 'done'; status: 'sent' | 'failed'; receipt: SendReceipt; failureReason?: string };

/** The send ledger, keyed by message id: what makes a redelivered message-requested send once. */
export interface SendLedger {
  claim(messageId: string, customerId: string, channel: string): Promise<Claim>;
  markSent(messageId: string, receipt: SendReceipt): Promise<void>;
  markFailed(messageId: string, provider: string, reason: string): Promise<void>;
}

export const SEND_LEDGER = Symbol('SendLedger');
export const SENDER_REGISTRY = Symbol('SenderRegistry');
