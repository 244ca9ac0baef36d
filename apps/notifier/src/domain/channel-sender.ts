import type { Channel, MessageRequested } from '@syncengage/contracts';

export interface SendReceipt {
  provider: string;
  providerMessageId?: string;
}

/** One vendor behind one channel. Adding a vendor touches its own folder and one registry line. */
export interface ChannelSender {
  readonly provider: string;
  readonly channel: Channel;
  send(message: MessageRequested): Promise<SendReceipt>;
}

/** A provider said no. 429 and 5xx may pass on retry; other 4xx never will (bad number, invalid address). */
export class ProviderRejected extends Error {
  readonly code = 'PROVIDER_REJECTED';
  readonly retryable: boolean;

  constructor(readonly provider: string, readonly status: number, detail: string) {
    super(`${provider} rejected the message with ${status}: ${detail}`);
    this.name = 'ProviderRejected';
    this.retryable = status === 429 || status >= 500 || status === 0;
  }
}
