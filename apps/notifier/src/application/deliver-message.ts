import { CAMPAIGN_RESULT_SCHEMA_VERSION, deriveEventId, Topics, type CampaignResult, type MessageRequested } from '@syncengage/contracts';
import type { EventPublisher } from '@syncengage/kafka';
import { ProviderRejected, type SendReceipt } from '../domain/channel-sender';
import type { SenderRegistry } from '../domain/sender-registry';
import type { SendLedger } from './ports';

/**
 * message-requested in, one send and one campaign-result out. A message already sent is not sent again; its
 * result is republished with the same id, so a crash between send and publish loses nothing downstream.
 * Retryable provider failures are thrown for the consumer to retry; permanent ones are reported as failed.
 */
export class DeliverMessage {
  constructor(
    private readonly ledger: SendLedger,
    private readonly senders: SenderRegistry,
    private readonly publisher: EventPublisher,
    private readonly now: () => Date,
  ) {}

  async execute(message: MessageRequested, traceId: string): Promise<CampaignResult> {
    const claim = await this.ledger.claim(message.eventId, message.customerId, message.channel);
    if (claim.state === 'done') {
      return this.report(message, claim.receipt, claim.status, traceId, claim.failureReason);
    }
    const sender = this.senders.forChannel(message.channel);
    if (!sender) {
      const reason = `no provider configured for channel ${message.channel}`;
      await this.ledger.markFailed(message.eventId, 'none', reason);
      return this.report(message, { provider: 'none' }, 'failed', traceId, reason);
    }
    let receipt: SendReceipt;
    try {
      receipt = await sender.send(message);
    } catch (error) {
      if (error instanceof ProviderRejected && !error.retryable) {
        await this.ledger.markFailed(message.eventId, sender.provider, error.message);
        return this.report(message, { provider: sender.provider }, 'failed', traceId, error.message);
      }
      throw error;
    }
    await this.ledger.markSent(message.eventId, receipt);
    return this.report(message, receipt, 'sent', traceId);
  }

  private async report(message: MessageRequested, receipt: SendReceipt, status: 'sent' | 'failed', traceId: string, failureReason?: string): Promise<CampaignResult> {
    const result: CampaignResult = {
      eventId: deriveEventId(message.eventId, `${Topics.CampaignResult}:${status}`),
      causationId: message.eventId,
      eventType: 'campaign-result',
      schemaVersion: CAMPAIGN_RESULT_SCHEMA_VERSION,
      occurredAt: this.now().toISOString(),
      customerId: message.customerId,
      messageId: message.eventId,
      campaignId: message.campaignId,
      campaignVersion: message.campaignVersion,
      variant: message.variant,
      channel: message.channel,
      provider: receipt.provider,
      status,
      providerMessageId: receipt.providerMessageId,
      failureReason,
      opened: false,
      clicked: false,
      converted: false,
      revenueImpactCents: 0,
      discountReservedCents: message.discount?.reservedCents ?? 0,
    };
    await this.publisher.publish(Topics.CampaignResult, result, traceId);
    return result;
  }
}
