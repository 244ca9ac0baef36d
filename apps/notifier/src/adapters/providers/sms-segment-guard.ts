import type { MessageRequested } from '@syncengage/contracts';
import type { SmsMeasures } from '../../application/ports';
import type { ChannelSender, SendReceipt } from '../../domain/channel-sender';
import { SendRefused } from '../../domain/send-refused';
import { checkSegmentLimit, measureSms } from '../../domain/sms-segments';

/**
 * In front of whichever SMS sender is configured (Twilio or the local outbox, so development sees the same
 * refusals): measures the body, writes encoding and segments on the ledger row, and refuses a body over the cap
 * as a permanent failure, before any segment is paid for.
 */
export class SmsSegmentGuard implements ChannelSender {
  readonly provider: string;
  readonly channel: ChannelSender['channel'];
  readonly idempotent?: boolean;

  constructor(private readonly inner: ChannelSender, private readonly measures: SmsMeasures, private readonly maxSegments: number) {
    this.provider = inner.provider;
    this.channel = inner.channel;
    this.idempotent = inner.idempotent;
  }

  async send(message: MessageRequested): Promise<SendReceipt> {
    const measure = measureSms(message.content.text);
    await this.measures.record(message.eventId, measure);
    const verdict = checkSegmentLimit(measure, this.maxSegments);
    if (!verdict.allowed) throw new SendRefused(this.provider, verdict.reason);
    return this.inner.send(message);
  }
}
