import type { DecisionRecorded, MessageRequested } from '@syncengage/contracts';
import type { Campaign } from '../domain/campaigns';
import type { Suppression } from '@syncengage/contracts';
import type { Decision } from '../domain/decide-campaign';
import type { ContactHistory } from '../domain/guard-rails';
import type { CampaignResult, Purchase, RiskBand } from '@syncengage/contracts';
import type { DiscountOptimizer, DiscountPosterior } from '../domain/discount-bandit';

export interface DecisionRequest {
  scoredEventId: string;
  messageId: string;
  customerId: string;
  decidedAt: Date;
  budgetDay: string;
  budgetCapCents: number;
  traceId: string;
  /** How far back sends are read for the frequency caps (the longest cap window). */
  historyWindowMs: number;
}

export type RecordedDecision =
  | { duplicate: true }
  | { duplicate: false; decision: Decision; budgetDenied: boolean };

export interface DecisionLedger {
  /**
   * In one transaction: ignores an already-decided score, gives `decide` the customer's contact history
   * (last contact, recent sends per channel, last conversion, suppressions),
   * reserves the discount against the day's budget (denied past the cap), and stores the decision together
   * with the message to publish (transactional outbox): a decision and its message exist together or not at all.
   * `toRecord` turns the final decision (a send the budget denied is a skip by then) into the decision-recorded
   * event stored in the same outbox, for sends, holdouts and skips alike.
   */
  decideOnce(
    request: DecisionRequest,
    decide: (history: ContactHistory) => Decision,
    toMessage: (decision: Extract<Decision, { action: 'send' }>) => MessageRequested,
    toRecord?: (decision: Decision) => DecisionRecorded,
  ): Promise<RecordedDecision>;
  /** Moves a message's reservation to spent (sent) or back to the budget (failed, suppressed); once per message. */
  settle(messageId: string, outcome: 'spent' | 'released'): Promise<boolean>;
}

/** What campaign results teach about a customer, read back by the guard rails. */
export interface CustomerSignals {
  recordConversion(customerId: string, convertedAt: Date): Promise<void>;
  /** Suppresses a channel of a customer, or lifts it; the newest change wins, whatever order they arrive in. */
  applySuppression(customerId: string, suppression: Suppression, changedAt: Date): Promise<void>;
}

export const CUSTOMER_SIGNALS = Symbol('CustomerSignals');


export interface Outbox {
  /** Publishes what committed decisions left behind; returns how many were published. */
  flush(): Promise<number>;
}

export const DECISION_LEDGER = Symbol('DecisionLedger');
export const OUTBOX = Symbol('Outbox');

export interface CampaignVersionSummary {
  id: string;
  version: number;
  /** The file it was seeded from, or `api`. */
  source: string;
  createdAt: string;
}

/** Stored campaign versions; never changed once written, so decisions keep pointing at what they used. */
export interface CampaignCatalog {
  /** The latest version of every campaign: what decisions use. */
  latest(): Promise<readonly Campaign[]>;
  get(id: string, version?: number): Promise<Campaign | undefined>;
  versions(id: string): Promise<CampaignVersionSummary[]>;
  /** Stores the next version of `campaign.id` (its `version` is ignored) and returns it as stored. */
  addVersion(campaign: Campaign, source: string): Promise<Campaign>;
  /**
   * Stores a file's exact version unless it is there already. The same id and version with a different body
   * is refused: a shipped version must never change meaning under decisions that recorded it.
   */
  seed(campaign: Campaign, source: string): Promise<'added' | 'unchanged'>;
}

export const CAMPAIGN_CATALOG = Symbol('CampaignCatalog');

/** A discount a decision drew from a bandit, as stored with the decision; `learnedReward` is what its results taught so far. */
export interface StoredBanditPull {
  key: string;
  discountPercent: number;
  optimizer: DiscountOptimizer;
  learnedReward: number | null;
}

export type BanditLesson = (pull: StoredBanditPull, posterior: DiscountPosterior) => { posterior: DiscountPosterior; reward: number } | undefined;

/** What the discount bandits learned, per context (campaign, scope, segment, risk band) and level. */
export interface BanditStore {
  /** Every context learned so far for customers of this risk band, by `banditKey`. */
  posteriorsFor(band: RiskBand): Promise<ReadonlyMap<string, DiscountPosterior>>;
  /**
   * In one transaction, holding the message's pull and its context: hands both to `lesson` and stores what it
   * returns (nothing when it returns undefined). `no-pull`: no bandit chose this message's discount.
   */
  learnFromMessage(messageId: string, lesson: BanditLesson): Promise<'learned' | 'unchanged' | 'no-pull'>;
}

export const BANDIT_STORE = Symbol('BanditStore');

/** Everything known about one customer in one campaign version, before attribution windows are applied. */
export interface ExperimentEvidence {
  customerId: string;
  arm: string;
  decidedAt: Date;
  sent: boolean;
  opened: boolean;
  clicked: boolean;
  /** From campaign-result (the notifier's tracking): only customers who were sent something have these. */
  trackedConvertedAt?: Date;
  trackedRevenueCents: number;
  /** From customer-updated purchases after the decision: measured alike for every arm and the holdout. */
  firstPurchaseAt?: Date;
  attributedPurchaseCents: number;
  ltvCents: number;
}

/** Per-message outcomes and experiment customers' purchases: the A/B statistics' raw material. */
export interface ExperimentStore {
  /** Upserts a message's outcome; flags only turn on and amounts only grow, so redelivered or late results change nothing. */
  recordOutcome(result: CampaignResult): Promise<void>;
  /** Keeps a purchase or refund of a customer who is in an experiment (sent or held out); false when not kept. */
  recordPurchase(customerId: string, change: 'purchase_made' | 'purchase_refunded', purchase: Purchase): Promise<boolean>;
  /** One row per customer of the version: their first decision and what followed within the windows. */
  evidence(campaignId: string, version: number, windows: { attributionDays: number; ltvDays: number }): Promise<ExperimentEvidence[]>;
}

export const EXPERIMENT_STORE = Symbol('ExperimentStore');

export interface PromotionRecord {
  campaignId: string;
  fromVersion: number;
  toVersion: number | null;
  winner: string;
  reason: string;
  promotedAt: string;
}

/** Which versions automatic promotion has ended; a claim keeps two instances from promoting one version twice. */
export interface PromotionLog {
  /** True for the one caller that may promote `fromVersion` (a claim left by a crash expires). */
  claim(campaignId: string, fromVersion: number, winner: string, reason: string): Promise<boolean>;
  complete(campaignId: string, fromVersion: number, toVersion: number): Promise<void>;
  release(campaignId: string, fromVersion: number): Promise<void>;
  list(campaignId: string): Promise<PromotionRecord[]>;
}

export const PROMOTION_LOG = Symbol('PromotionLog');
