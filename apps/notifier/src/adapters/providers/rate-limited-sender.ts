import type { MessageRequested } from '@syncengage/contracts';
import { ProviderRejected, type ChannelSender, type SendReceipt } from '../../domain/channel-sender';
import type { TokenBucket } from '../../domain/token-bucket';
import type { Sleep } from '../../application/ports';

/**
 * Paces one provider's sends through its token bucket, so a campaign burst queues here instead of tripping
 * the provider's limit; a 429 that gets through (another client on the same account) pauses the whole bucket
 * for its Retry-After. The bucket is per process: with N instances, give each 1/N of the provider's limit.
 */
export class RateLimitedSender implements ChannelSender {
  readonly provider: string;
  readonly channel: ChannelSender['channel'];
  readonly idempotent?: boolean;

  constructor(private readonly inner: ChannelSender, private readonly bucket: TokenBucket, private readonly sleep: Sleep) {
    this.provider = inner.provider;
    this.channel = inner.channel;
    this.idempotent = inner.idempotent;
  }

  async send(message: MessageRequested): Promise<SendReceipt> {
    const waitMs = this.bucket.reserve();
    if (waitMs > 0) await this.sleep(waitMs);
    try {
      return await this.inner.send(message);
    } catch (error) {
      if (error instanceof ProviderRejected && error.status === 429) this.bucket.pauseFor(error.retryAfterMs ?? 1_000);
      throw error;
    }
  }
}
