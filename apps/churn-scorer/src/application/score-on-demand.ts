import { riskBand, type RiskBandThresholds } from '../domain/risk-band';
import type { CustomerStateStore, ModelProvider } from './ports';
import { scoreState } from './score-state';

export class UnknownCustomer extends Error {
  readonly code = 'UNKNOWN_CUSTOMER';
  readonly retryable = false;
  constructor(readonly customerId: string) {
    super(`no customer ${customerId} (or no order from them yet)`);
  }
}

export class InvalidFeatures extends Error {
  readonly code = 'INVALID_FEATURES';
  readonly retryable = false;
  constructor(readonly field: string, detail: string) {
    super(`${field}: ${detail}`);
  }
}

export interface OnDemandScore {
  customerId: string;
  score: number;
  band: string;
  modelVersion: string;
  horizonDays: number;
  scoredAt: Date;
}

/** `ChurnScorer.Score`: from the features we keep for a customer, or from features the caller gives. */
export class ScoreOnDemand {
  constructor(
    private readonly store: CustomerStateStore,
    private readonly models: ModelProvider,
    private readonly thresholds: RiskBandThresholds,
    private readonly now: () => Date,
  ) {}

  async byCustomerId(customerId: string): Promise<OnDemandScore> {
    if (!customerId) throw new InvalidFeatures('customer_id', 'required when no features are given');
    const state = await this.store.find(customerId);
    const scoredAt = this.now();
    const scoring = state && scoreState(state, this.models.current(), scoredAt);
    if (!scoring) throw new UnknownCustomer(customerId);
    return { customerId, ...scoring, band: riskBand(scoring.score, this.thresholds), scoredAt };
  }

  byFeatures(customerId: string, given: Record<string, number>): OnDemandScore {
    const model = this.models.current();
    const unknown = Object.keys(given).filter((name) => !model.featureNames.includes(name));
    if (unknown.length > 0) throw new InvalidFeatures(`features.${unknown[0]}`, `unknown feature; the model knows ${model.featureNames.join(', ')}`);
    const features = new Float64Array(model.featureNames.length);
    model.featureNames.forEach((name, index) => {
      const value = given[name];
      if (value === undefined) throw new InvalidFeatures(`features.${name}`, 'missing; give every feature of the model or none');
      if (!Number.isFinite(value)) throw new InvalidFeatures(`features.${name}`, 'must be a finite number');
      features[index] = value;
    });
    const score = model.score(features);
    return { customerId, score, band: riskBand(score, this.thresholds), modelVersion: model.modelVersion, horizonDays: model.horizonDays, scoredAt: this.now() };
  }
}
