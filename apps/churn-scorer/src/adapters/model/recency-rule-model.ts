import type { ChurnModel } from '../../application/ports';

/**
 * Used with ENABLE_PREDICTIVE_CHURN=false: a rule anyone can check by hand. Risk grows linearly with the days
 * since the last order and is certain at twice the horizon.
 */
export class RecencyRuleModel implements ChurnModel {
  readonly modelVersion = 'rule-recency-v1';
  private readonly recencyIndex: number;

  constructor(readonly featureNames: readonly string[], readonly horizonDays: number) {
    this.recencyIndex = featureNames.indexOf('recency_days');
  }

  score(features: Float64Array): number {
    return Math.min(1, Math.max(0, features[this.recencyIndex] / (2 * this.horizonDays)));
  }
}
