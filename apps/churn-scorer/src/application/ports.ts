import type { CustomerProfile } from '@syncengage/contracts';
import type { CustomerActivity } from '../domain/customer-activity';

/** A scoring model as the use cases see it; the artifact format and hot-swapping live in adapters. */
export interface ChurnModel {
  readonly modelVersion: string;
  readonly horizonDays: number;
  readonly featureNames: readonly string[];
  /** Churn probability 0..1 for a vector in `featureNames` order. */
  score(features: Float64Array): number;
}

export interface ModelProvider {
  current(): ChurnModel;
}

export interface CustomerState {
  customerId: string;
  activity: CustomerActivity;
  profile: CustomerProfile;
}

export interface CustomerStateStore {
  /**
   * Applies one event to the customer's state exactly once: in one transaction it records the event id and
   * stores `change(state)`. A redelivered event changes nothing and returns the state as it is.
   */
  applyOnce(customerId: string, eventId: string, change: (state: CustomerState) => CustomerState): Promise<CustomerState>;
  find(customerId: string): Promise<CustomerState | undefined>;
  recordScore(customerId: string, score: StoredScore): Promise<void>;
  /**
   * Claims up to `limit` customers last scored before `staleBefore` by stamping them with `now`; concurrent
   * instances claim disjoint customers, so a sweep scales out instead of repeating itself.
   */
  claimStale(staleBefore: Date, now: Date, limit: number): Promise<CustomerState[]>;
}

export interface StoredScore {
  score: number;
  band: string;
  modelVersion: string;
  scoredAt: Date;
}

export const CUSTOMER_STATE_STORE = Symbol('CustomerStateStore');
export const MODEL_PROVIDER = Symbol('ModelProvider');
