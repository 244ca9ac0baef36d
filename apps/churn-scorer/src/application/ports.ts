import type { CustomerProfile } from '@syncengage/contracts';
import type { ScoreExplanation } from '../domain/churn-model';
import type { CustomerActivity } from '../domain/customer-activity';
import type { TrainingProvenance } from '../domain/model-artifact';

/** A scoring model as the use cases see it; the artifact format and hot-swapping live in adapters. */
export interface ChurnModel {
  readonly modelVersion: string;
  readonly featureSetVersion: string;
  readonly horizonDays: number;
  readonly featureNames: readonly string[];
  /** Churn probability 0..1 for a vector in `featureNames` order. */
  score(features: Float64Array): number;
  /** What pushed the raw score up or down: the `top` largest contributions by magnitude, baseline + Σ all = raw. */
  explain(features: Float64Array, top: number): ScoreExplanation;
  readonly provenance: ModelProvenance;
}

export interface ModelProvenance {
  /** When the model was trained (ISO-8601); undefined for a rule, which is not trained. */
  createdAt?: string;
  training?: TrainingProvenance;
  metrics: Readonly<Record<string, number>>;
  /** When this process loaded it: tells one hot swap from the next even when the version is reused. */
  loadedAt: Date;
}

export interface ModelProvider {
  /**
   * The model serving now; throws NoModelLoaded while there is none. Read it once per request and use that
   * reference throughout: a hot swap then never mixes two models in one answer, and a request in flight
   * finishes on the model it started with.
   */
  current(): ChurnModel;
  /** Calls `listener` now and after every swap with the model serving (undefined while none); returns the unsubscribe. */
  subscribe(listener: (model: ChurnModel | undefined) => void): () => void;
}

/** Retryable: a model arrives (start-up finishes, a valid file is written) without the caller changing anything. */
export class NoModelLoaded extends Error {
  readonly code = 'NO_MODEL_LOADED';
  readonly retryable = true;
  constructor() {
    super('no churn model is loaded yet');
  }
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
