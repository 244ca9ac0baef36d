import type { ChurnModel, CustomerStateStore } from './ports';
import { selectFeatures, stateFeatures } from './score-state';

/** What Score and Explain are asked: a customer's kept features, or features given by the caller. */
export interface OnDemandRequest {
  customerId: string;
  features?: Readonly<Record<string, number>>;
}

export class UnknownCustomer extends Error {
  readonly code = 'UNKNOWN_CUSTOMER';
  readonly retryable = false;
  constructor(readonly customerId: string) {
    super(`no customer ${customerId} (or no order from them yet)`);
  }
}

/** A request the caller must fix; `field` is named as in proto/churn.proto (customer_id, features.<name>, top). */
export class InvalidRequest extends Error {
  readonly code = 'INVALID_REQUEST';
  readonly retryable = false;
  constructor(readonly field: string, detail: string) {
    super(`${field}: ${detail}`);
  }
}

export interface FeatureVector {
  /** In the model's featureNames order. */
  features: Float64Array;
  asOf: Date;
}

/**
 * The model's input for an on-demand request: the features given, when there are any, else those kept for the
 * customer as of now. Score and Explain share it, so an explanation is always of the vector Score would score.
 */
export class OnDemandFeatures {
  constructor(
    private readonly store: CustomerStateStore,
    private readonly now: () => Date,
  ) {}

  async vectorFor(request: OnDemandRequest, model: ChurnModel): Promise<FeatureVector> {
    const given = request.features ?? {};
    if (Object.keys(given).length > 0) return { features: givenFeatures(given, model), asOf: this.now() };
    if (!request.customerId) throw new InvalidRequest('customer_id', 'required when no features are given');
    const state = await this.store.find(request.customerId);
    const asOf = this.now();
    const all = state && stateFeatures(state, asOf);
    if (!all) throw new UnknownCustomer(request.customerId);
    return { features: selectFeatures(all, model.featureNames), asOf };
  }
}

function givenFeatures(given: Readonly<Record<string, number>>, model: ChurnModel): Float64Array {
  const unknown = Object.keys(given).filter((name) => !model.featureNames.includes(name));
  if (unknown.length > 0) throw new InvalidRequest(`features.${unknown[0]}`, `unknown feature; the model knows ${model.featureNames.join(', ')}`);
  const features = new Float64Array(model.featureNames.length);
  model.featureNames.forEach((name, index) => {
    const value = given[name];
    if (value === undefined) throw new InvalidRequest(`features.${name}`, 'missing; give every feature of the model or none');
    if (!Number.isFinite(value)) throw new InvalidRequest(`features.${name}`, 'must be a finite number');
    features[index] = value;
  });
  return features;
}
