import type { Channel, MessageRequested } from '@syncengage/contracts';

export interface SendReceipt {
  provider: string;
  providerMessageId?: string;
}

/** One vendor behind one channel. Adding a vendor touches its own folder and one registry line. */
export interface ChannelSender {
  readonly provider: string;
  readonly channel: Channel;
  /**
   * True when sending the same message id twice delivers once (the provider de-duplicates, or the local
   * outbox's primary key does): such a sender may always be retried after a crash or a timeout.
   */
  readonly idempotent?: boolean;
  send(message: MessageRequested): Promise<SendReceipt>;
}

export interface RejectionDetails {
  /** From a 429's Retry-After: how long the provider asked us to wait. */
  retryAfterMs?: number;
  /**
   * The request may have reached the provider and been acted on (a timeout, a connection dropped after the
   * request was written). Retrying such a send may deliver the message twice.
   */
  inDoubt?: boolean;
}

/** A provider said no. 429 and 5xx may pass on retry; other 4xx never will (bad number, invalid address). */
export class ProviderRejected extends Error {
  readonly code = 'PROVIDER_REJECTED';
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly inDoubt: boolean;

  constructor(readonly provider: string, readonly status: number, detail: string, details: RejectionDetails = {}) {
    super(`${provider} rejected the message with ${status}: ${detail}`);
    this.name = 'ProviderRejected';
    this.retryable = status === 429 || status >= 500 || status === 0;
    this.retryAfterMs = details.retryAfterMs;
    this.inDoubt = details.inDoubt ?? false;
  }
}

/** No HTTP status: refused or unresolved means the request never left; anything else (timeout, reset) may have landed. */
export function isNetworkFailureInDoubt(detail: string): boolean {
  return !/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(detail);
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
