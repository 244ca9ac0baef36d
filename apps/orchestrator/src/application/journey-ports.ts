import type { Segment, SegmentChanged } from '@syncengage/contracts';
import type { Campaign } from '../domain/campaigns';
import type { JourneyState } from '../domain/journey';
import type { JourneyCustomer } from '../domain/journey-step-decision';
import type { DecisionLedger } from './ports';

/** The ledger's decide, run inside the transaction that holds the journey: a step and its send commit together. */
export type DecideInJourney = DecisionLedger['decideOnce'];

export type AdvanceJourney = (instance: JourneyInstance, decide: DecideInJourney) => Promise<JourneyProgress>;

/** One customer in one journey campaign; at most one per customer and campaign id, ever. */
export interface JourneyInstance {
  instanceId: string;
  customerId: string;
  campaignId: string;
  campaignVersion: number;
  segment: Segment;
  variant: string;
  state: JourneyState;
  customer: JourneyCustomer;
  /** The campaign version the journey started with; later versions do not change a running journey. */
  campaign: Campaign;
}

/** What one advance did, kept in the journey's history so every step can be explained afterwards. */
export interface JourneyProgress {
  state: JourneyState;
  /** What moved it: `timer`, `result <stage>`, ... */
  event: string;
  trail: string[];
}

/** The sent decision that may start a journey: what the ledger recorded for a message id. */
export interface SentDecision {
  campaignId: string;
  campaignVersion: number;
  segment: Segment;
  variant: string;
}

export interface JourneyStore {
  sentDecision(messageId: string): Promise<SentDecision | undefined>;
  /** Starts a journey unless the customer already has one of that campaign id; false when they had. */
  enroll(instance: JourneyInstance, at: Date): Promise<boolean>;
  /** Campaign ids whose journey this customer has been in (running or finished): their first message is not repeated. */
  enrolledCampaignIds(customerId: string): Promise<string[]>;
  /**
   * Claims up to `limit` active journeys whose timer is due (`FOR UPDATE SKIP LOCKED`: instances share the work,
   * none fires one twice), hands each to `advance` and saves the state it returns, in one transaction.
   */
  fireDue(now: Date, limit: number, advance: AdvanceJourney): Promise<number>;
  /** Locks the customer's active journey of `campaignId`, if any, and saves what `advance` returns. */
  withActive(customerId: string, campaignId: string, now: Date, advance: AdvanceJourney): Promise<boolean>;
}

export const JOURNEY_STORE = Symbol('JourneyStore');

export interface SegmentObservation {
  customerId: string;
  segment: Segment | null;
  scoredEventId: string;
  observedAt: Date;
  /** The latest churn-scored of the customer, given to their running journeys for their next follow-up. */
  customer: JourneyCustomer;
}

export interface SegmentChange {
  changed: boolean;
  previous: Segment | null;
  exitedJourneys: number;
}

export interface SegmentLedger {
  /**
   * In one transaction: compares with the customer's last recorded segment and, when it differs, records the new
   * one, puts `toEvent(previous)` in the outbox and exits the customer's active journeys of the segment left.
   */
  observe(observation: SegmentObservation, toEvent: (previous: Segment | null) => SegmentChanged, traceId: string): Promise<SegmentChange>;
}

export const SEGMENT_LEDGER = Symbol('SegmentLedger');
