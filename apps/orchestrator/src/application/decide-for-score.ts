import { deriveEventId, Topics, type ChurnScored } from '@syncengage/contracts';
import { toDecisionRecorded } from './decision-recorded';
import { budgetDayOf } from '../domain/budget';
import { decideCampaign, type DecisionPolicy } from '../domain/decide-campaign';
import type { Random } from '../domain/beta-sample';
import type { DiscountLearning } from '../domain/discount-policy';
import type { BanditStore, CampaignCatalog, DecisionLedger, Outbox, RecordedDecision } from './ports';
import type { EnrollJourney } from './enroll-journey';
import { messageRequestedOf } from './message-requested-of';
import type { TrackSegment } from './track-segment';

/** The longest frequency-cap window: how much send history a decision needs. */
const historyWindowOf = (policy: Omit<DecisionPolicy, 'campaigns'>): number =>
  Math.max(policy.cooldownMs, ...(policy.guardRails?.frequencyCaps ?? []).map((cap) => cap.windowMs));

export interface BudgetPolicy {
  dailyCapCents: number;
  timeZone: string;
}

/** churn-scored in, at most one message-requested out, budget reserved and decision-recorded written in the same transaction. */
export class DecideForScore {
  constructor(
    private readonly ledger: DecisionLedger,
    private readonly outbox: Outbox,
    private readonly catalog: CampaignCatalog,
    private readonly policy: Omit<DecisionPolicy, 'campaigns'>,
    private readonly budget: BudgetPolicy,
    private readonly now: () => Date,
    /** Without it, campaigns with a discount optimizer keep to its bounds but learn nothing. */
    private readonly discounts?: { bandits: BanditStore; random: Random },
    /** Without it, segment changes are not published and campaigns' journeys do not start. */
    private readonly journeys?: { trackSegment: TrackSegment; enroll: EnrollJourney },
  ) {}

  async execute(scored: ChurnScored, traceId: string): Promise<RecordedDecision> {
    const decidedAt = this.now();
    const messageId = deriveEventId(scored.eventId, Topics.MessageRequested);
    await this.journeys?.trackSegment.execute(scored, decidedAt, traceId);
    const latest = await this.catalog.latest();
    const campaigns = this.journeys ? await this.journeys.enroll.campaignsFor(scored.customerId, latest) : latest;
    const policy: DecisionPolicy = { ...this.policy, campaigns };
    const discountLearning = await this.discountLearningFor(scored, policy);
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
      (history) => decideCampaign({ scored, messageId, now: decidedAt, history, discountLearning }, policy),
      (decision) => messageRequestedOf({ causationId: scored.eventId, customerId: scored.customerId, profile: scored.profile }, messageId, decision, decidedAt),
      (decision) => toDecisionRecorded(scored, messageId, decision, decidedAt),
    );
    // After the decision's commit, and on a redelivery too: a crash between the two must not lose the journey.
    await this.journeys?.enroll.execute(scored, messageId, decidedAt);
    // Published after commit; if this process dies first, the next flush (here or on another instance) sends it.
    await this.outbox.flush();
    return recorded;
  }

  /**
   * The posteriors are read just before the decision's transaction, not in it: Thompson sampling needs no more
   * than a recent posterior, and the budget row lock stays as short as it was.
   */
  private async discountLearningFor(scored: ChurnScored, policy: DecisionPolicy): Promise<DiscountLearning | undefined> {
    if (!this.discounts) return undefined;
    const learns = policy.campaigns.some((campaign) => campaign.discountOptimizer || campaign.variants.some((variant) => variant.discountOptimizer));
    if (!learns) return undefined;
    const posteriors = await this.discounts.bandits.posteriorsFor(scored.band);
    return { posterior: (key) => posteriors.get(key), random: this.discounts.random };
  }
}
