import type { ScoreExplanation } from '../../domain/churn-model';
import type { ChurnModel, ModelProvenance } from '../../application/ports';

/**
 * Used with ENABLE_PREDICTIVE_CHURN=false: a rule anyone can check by hand. Risk grows linearly with the days
 * since the last order and is certain at twice the horizon.
 */
export class RecencyRuleModel implements ChurnModel {
  readonly modelVersion = 'rule-recency-v1';
  readonly provenance: ModelProvenance;
  private readonly recencyIndex: number;

  constructor(
    readonly featureNames: readonly string[],
    readonly featureSetVersion: string,
    readonly horizonDays: number,
    loadedAt: Date,
  ) {
    this.recencyIndex = featureNames.indexOf('recency_days');
    this.provenance = { metrics: {}, loadedAt };
  }

  score(features: Float64Array): number {
    return Math.min(1, Math.max(0, features[this.recencyIndex] / (2 * this.horizonDays)));
  }

  /** From a baseline of 0 the whole score is recency's doing; every other feature contributes nothing. */
  explain(features: Float64Array, top: number): ScoreExplanation {
    const score = this.score(features);
    const contributions = this.featureNames
      .map((feature, index) => ({ feature, value: features[index], contribution: index === this.recencyIndex ? score : 0 }))
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
    return { baseline: 0, rawScore: score, contributions: contributions.slice(0, top) };
  }
}
