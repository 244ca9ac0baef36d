import type { MessageRequested } from '@syncengage/contracts';
import type { Campaign } from '../domain/campaigns';
import type { Suppression } from '@syncengage/contracts';
import type { Decision } from '../domain/decide-campaign';
import type { ContactHistory } from '../domain/guard-rails';

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
   */
  decideOnce(
    request: DecisionRequest,
    decide: (history: ContactHistory) => Decision,
    toMessage: (decision: Extract<Decision, { action: 'send' }>) => MessageRequested,
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
