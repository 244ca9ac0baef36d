import type { FeatureContribution } from '../domain/churn-model';
import { riskBand, type RiskBandThresholds } from '../domain/risk-band';
import { InvalidRequest, type OnDemandFeatures, type OnDemandRequest } from './on-demand-features';
import type { ModelProvider } from './ports';

export interface ExplainedScore {
  customerId: string;
  modelVersion: string;
  baseline: number;
  rawScore: number;
  score: number;
  band: string;
  /** Largest |contribution| first. */
  contributions: FeatureContribution[];
  scoredAt: Date;
}

/** `ChurnScorer.Explain`: which features pushed this customer's score up or down, for the vector Score would use. */
export class ExplainScore {
  constructor(
    private readonly models: ModelProvider,
    private readonly features: OnDemandFeatures,
    private readonly thresholds: RiskBandThresholds,
  ) {}

  /** `top` 0 returns every feature, so baseline + Σ contributions = rawScore can be checked by the caller. */
  async execute(request: OnDemandRequest, top: number): Promise<ExplainedScore> {
    if (!Number.isInteger(top) || top < 0) throw new InvalidRequest('top', `must be 0 (every feature) or a positive count, got ${top}`);
    const model = this.models.current();
    const { features, asOf } = await this.features.vectorFor(request, model);
    const explanation = model.explain(features, top === 0 ? model.featureNames.length : top);
    const score = model.score(features);
    return {
      customerId: request.customerId,
      modelVersion: model.modelVersion,
      baseline: explanation.baseline,
      rawScore: explanation.rawScore,
      score,
      band: riskBand(score, this.thresholds),
      contributions: explanation.contributions,
      scoredAt: asOf,
    };
  }
}
