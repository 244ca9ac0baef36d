import {
  CAMPAIGN_RESULT_SCHEMA_VERSION,
  deriveEventId,
  Topics,
  type CampaignResult,
  type Channel,
  type DeliveryAttempt,
  type DeliveryStatus,
  type MessageRequested,
} from '@syncengage/contracts';
import type { ConsumedRecord, EventPublisher } from '@syncengage/kafka';
import { ProviderRejected, type ChannelSender, type SendReceipt } from '../domain/channel-sender';
import { DEFAULT_REPLAY_POLICIES, mayResendInDoubt, type ReplayPolicy } from '../domain/replay-policy';
import { retryDelayMs, type RetrySchedule } from '../domain/retry-schedule';
import type { SenderRegistry } from '../domain/sender-registry';
import type { DeliveryDeadLetters, EngagementStore, LinkTracker, SendLedger, Sleep } from './ports';

export interface DeliveryOptions {
  retry?: RetrySchedule;
  replay?: Readonly<Record<Channel, ReplayPolicy>>;
  deadLetters?: DeliveryDeadLetters;
  sleep?: Sleep;
  random?: () => number;
  /** Gets a row per reported message, for the engagement results that follow (opens, clicks, purchases). */
  engagement?: EngagementStore;
  /** Rewrites links to the click redirect before sending. */
  links?: LinkTracker;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = { maxAttempts: 4, initialDelayMs: 200, maxDelayMs: 3_000 };

type ChannelOutcome =
  | { kind: 'sent'; receipt: SendReceipt }
  | { kind: 'settled'; result: CampaignResult }
  | { kind: 'permanent'; provider: string; reason: string }
  | { kind: 'exhausted'; provider: string; reason: string };

/**
 * message-requested in, one send and one campaign-result out. The ledger row is written before each call to
 * a provider, so a redelivery (a Kafka retry, a restart after a crash) knows what was tried: a finished message
 * is not sent again and its result is republished with the same id; an attempt that was in flight is resent
 * or not according to the channel's replay policy. Transient failures are retried here with backoff, jitter and
 * Retry-After; after the last one the message is dead-lettered with its history and reported failed. A
 * permanent failure moves on to the campaign's fallback channels, if any.
 */
export class DeliverMessage {
  private readonly retry: RetrySchedule;
  private readonly replay: Readonly<Record<Channel, ReplayPolicy>>;
  private readonly sleep: Sleep;
  private readonly random: () => number;

  constructor(
    private readonly ledger: SendLedger,
    private readonly senders: SenderRegistry,
    private readonly publisher: EventPublisher,
    private readonly now: () => Date,
    private readonly options: DeliveryOptions = {},
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY_SCHEDULE;
    this.replay = options.replay ?? DEFAULT_REPLAY_POLICIES;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  async execute(message: MessageRequested, traceId: string, origin?: ConsumedRecord): Promise<CampaignResult> {
    const claim = await this.ledger.claim(message.eventId, message.customerId, message.channel);
    if (claim.state === 'done') return this.report(message, claim.channel, claim.receipt, claim.status, traceId, claim.failureReason);

    const history = claim.state === 'retry' ? [...claim.history] : [];
    const channels = channelsOf(message);
    const resumeAt = claim.state === 'retry' ? Math.max(0, channels.indexOf(claim.channel)) : 0;
    if (claim.state === 'retry' && claim.inDoubt) {
      const sender = this.senders.forChannel(claim.channel);
      if (sender && !mayResendInDoubt(claim.channel, this.replay, sender.idempotent ?? false)) {
        return this.settleInDoubt(message, claim.channel, sender, traceId, 'an attempt was interrupted (the notifier stopped or was redelivered mid-send)');
      }
    }

    const outgoing = this.options.links ? await this.options.links.track(message) : message;
    let last: { provider: string; reason: string } = { provider: 'none', reason: `no provider configured for channel ${message.channel}` };
    for (const channel of channels.slice(resumeAt)) {
      const sender = this.senders.forChannel(channel);
      if (!sender) {
        last = { provider: 'none', reason: `no provider configured for channel ${channel}` };
        continue;
      }
      const outcome = await this.sendWithRetries(outgoing, channel, sender, history, traceId);
      if (outcome.kind === 'sent') return this.report(message, channel, outcome.receipt, 'sent', traceId);
      if (outcome.kind === 'settled') return outcome.result;
      if (outcome.kind === 'exhausted') {
        await this.ledger.markFailed(message.eventId, outcome.provider, outcome.reason);
        await this.options.deadLetters?.publish(message, history, outcome.reason, traceId, origin);
        return this.report(message, channel, { provider: outcome.provider }, 'failed', traceId, outcome.reason);
      }
      last = outcome;
    }
    await this.ledger.markFailed(message.eventId, last.provider, last.reason);
    return this.report(message, message.channel, { provider: last.provider }, 'failed', traceId, last.reason);
  }

  private async sendWithRetries(message: MessageRequested, channel: Channel, sender: ChannelSender, history: DeliveryAttempt[], traceId: string): Promise<ChannelOutcome> {
    const outgoing = channel === message.channel ? message : { ...message, channel };
    for (;;) {
      await this.ledger.beginAttempt(message.eventId, channel);
      const attempt = { attempt: history.length + 1, at: this.now().toISOString(), channel, provider: sender.provider };
      try {
        const receipt = await sender.send(outgoing);
        const sent: DeliveryAttempt = { ...attempt, outcome: 'sent' };
        history.push(sent);
        await this.ledger.markSent(message.eventId, receipt, sent);
        return { kind: 'sent', receipt };
      } catch (error) {
        // Anything but a provider's answer (a bug, a dropped database) goes to the consumer; the row stays
        // 'sending', so its retry applies the replay policy.
        if (!(error instanceof ProviderRejected)) throw error;
        const outcome = !error.retryable ? 'permanent' : error.inDoubt ? 'in-doubt' : 'retryable';
        const failed: DeliveryAttempt = { ...attempt, outcome, status: error.status, detail: error.message.slice(0, 500) };
        history.push(failed);
        await this.ledger.recordAttempt(message.eventId, failed);
        if (outcome === 'permanent') return { kind: 'permanent', provider: sender.provider, reason: error.message };
        if (outcome === 'in-doubt' && !mayResendInDoubt(channel, this.replay, sender.idempotent ?? false)) {
          return { kind: 'settled', result: await this.settleInDoubt(message, channel, sender, traceId, error.message) };
        }
        const failures = history.filter((tried) => tried.channel === channel && (tried.outcome === 'retryable' || tried.outcome === 'in-doubt')).length;
        if (failures >= this.retry.maxAttempts) {
          return { kind: 'exhausted', provider: sender.provider, reason: `gave up after ${failures} attempts: ${error.message}` };
        }
        await this.sleep(retryDelayMs(this.retry, failures, this.random, error.retryAfterMs));
      }
    }
  }

  /**
   * At-most-once: the provider may already have the message and cannot tell us, so it is counted as sent (the
   * orchestrator spends the discount and counts the contact) with the doubt written down, and never resent.
   */
  private async settleInDoubt(message: MessageRequested, channel: Channel, sender: ChannelSender, traceId: string, why: string): Promise<CampaignResult> {
    const note = `outcome unknown, not resent (${this.replay[channel]} for ${channel}): ${why}`.slice(0, 500);
    await this.ledger.markSent(message.eventId, { provider: sender.provider }, undefined, note);
    return this.report(message, channel, { provider: sender.provider }, 'sent', traceId, note);
  }

  private async report(
    message: MessageRequested,
    channel: Channel,
    receipt: SendReceipt,
    status: DeliveryStatus,
    traceId: string,
    failureReason?: string,
  ): Promise<CampaignResult> {
    const sentAt = status === 'sent' ? this.now().toISOString() : undefined;
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
      channel,
      provider: receipt.provider,
      status,
      providerMessageId: receipt.providerMessageId,
      failureReason,
      opened: false,
      clicked: false,
      converted: false,
      revenueImpactCents: 0,
      discountReservedCents: message.discount?.reservedCents ?? 0,
      stage: status,
      sentAt,
    };
    await this.options.engagement?.open({
      messageId: message.eventId,
      customerId: message.customerId,
      campaignId: message.campaignId,
      campaignVersion: message.campaignVersion,
      variant: message.variant,
      channel,
      provider: receipt.provider,
      providerMessageId: receipt.providerMessageId,
      recipient: recipientOf(message, channel),
      status,
      stage: status,
      discountReservedCents: result.discountReservedCents,
      failureReason,
      sentAt,
      clickCount: 0,
      revenueCents: 0,
    });
    await this.publisher.publish(Topics.CampaignResult, result, traceId);
    return result;
  }
}

/** The requested channel, then the campaign's fallbacks that have an address, each once. */
function channelsOf(message: MessageRequested): Channel[] {
  // Push and in-app reach the customer by id (stored subscriptions, the inbox), so they need no address here.
  const hasAddress = (channel: Channel) => {
    if (channel === 'email') return Boolean(message.recipient.email);
    if (channel === 'sms' || channel === 'whatsapp') return Boolean(message.recipient.phone);
    return true;
  };
  const fallbacks = (message.fallbackChannels ?? []).filter(hasAddress);
  return [...new Set<Channel>([message.channel, ...fallbacks])];
}

/** The address a message went to on a channel; push and in-app go to the customer, not to an address. */
function recipientOf(message: MessageRequested, channel: Channel): string | undefined {
  if (channel === 'email') return message.recipient.email;
  return channel === 'sms' || channel === 'whatsapp' ? message.recipient.phone : undefined;
}
