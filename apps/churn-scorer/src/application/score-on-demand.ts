import { riskBand, type RiskBandThresholds } from '../domain/risk-band';
import type { OnDemandFeatures, OnDemandRequest } from './on-demand-features';
import type { ModelProvider } from './ports';

export interface OnDemandScore {
  customerId: string;
  score: number;
  band: string;
  modelVersion: string;
  horizonDays: number;
  scoredAt: Date;
}

/** `ChurnScorer.Score` (and each item of ScoreBatch): from the features we keep for a customer, or those given. */
export class ScoreOnDemand {
  constructor(
    private readonly models: ModelProvider,
    private readonly features: OnDemandFeatures,
    private readonly thresholds: RiskBandThresholds,
  ) {}

  async execute(request: OnDemandRequest): Promise<OnDemandScore> {
    const model = this.models.current();
    const { features, asOf } = await this.features.vectorFor(request, model);
    const score = model.score(features);
    return {
      customerId: request.customerId,
      score,
      band: riskBand(score, this.thresholds),
      modelVersion: model.modelVersion,
      horizonDays: model.horizonDays,
      scoredAt: asOf,
    };
  }
}
