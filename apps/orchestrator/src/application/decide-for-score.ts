import { deriveEventId, MESSAGE_REQUESTED_SCHEMA_VERSION, Topics, type ChurnScored, type MessageRequested } from '@syncengage/contracts';
import { budgetDayOf } from '../domain/budget';
import { decideCampaign, type Decision, type DecisionPolicy } from '../domain/decide-campaign';
import type { CampaignCatalog, DecisionLedger, Outbox, RecordedDecision } from './ports';

/** The longest frequency-cap window: how much send history a decision needs. */
const historyWindowOf = (policy: Omit<DecisionPolicy, 'campaigns'>): number =>
  Math.max(policy.cooldownMs, ...(policy.guardRails?.frequencyCaps ?? []).map((cap) => cap.windowMs));

export interface BudgetPolicy {
  dailyCapCents: number;
  timeZone: string;
}

/** churn-scored in, at most one message-requested out, budget reserved in the same transaction. */
export class DecideForScore {
  constructor(
    private readonly ledger: DecisionLedger,
    private readonly outbox: Outbox,
    private readonly catalog: CampaignCatalog,
    private readonly policy: Omit<DecisionPolicy, 'campaigns'>,
    private readonly budget: BudgetPolicy,
    private readonly now: () => Date,
  ) {}

  async execute(scored: ChurnScored, traceId: string): Promise<RecordedDecision> {
    const decidedAt = this.now();
    const messageId = deriveEventId(scored.eventId, Topics.MessageRequested);
    const policy: DecisionPolicy = { ...this.policy, campaigns: await this.catalog.latest() };
    const recorded = await this.ledger.decideOnce(
      {
        scoredEventId: scored.eventId,
        messageId,
        customerId: scored.customerId,
        decidedAt,
        budgetDay: budgetDayOf(decidedAt, this.budget.timeZone),
        budgetCapCents: this.budget.dailyCapCents,
        traceId,
        historyWindowMs: historyWindowOf(this.policy),
      },
      (history) => decideCampaign({ scored, messageId, now: decidedAt, history }, policy),
      (decision) => toMessageRequested(scored, messageId, decision, decidedAt),
    );
    // Published after commit; if this process dies first, the next flush (here or on another instance) sends it.
    await this.outbox.flush();
    return recorded;
  }
}

function toMessageRequested(scored: ChurnScored, messageId: string, decision: Extract<Decision, { action: 'send' }>, decidedAt: Date): MessageRequested {
  return {
    eventId: messageId,
    causationId: scored.eventId,
    eventType: 'message-requested',
    schemaVersion: MESSAGE_REQUESTED_SCHEMA_VERSION,
    occurredAt: decidedAt.toISOString(),
    customerId: scored.customerId,
    campaignId: decision.campaign.id,
    campaignVersion: decision.campaign.version,
    variant: decision.variant,
    segment: decision.segment,
    channel: decision.channel,
    locale: decision.locale,
    recipient: { email: scored.profile.email, phone: scored.profile.phone },
    content: { subject: decision.content.subject, text: decision.content.text },
    discount: decision.discount,
    reason: decision.reason,
  };
}
