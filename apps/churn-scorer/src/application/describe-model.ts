import type { RiskBandThresholds } from '../domain/risk-band';
import type { ModelProvenance, ModelProvider } from './ports';

export interface ModelDescription extends ModelProvenance {
  modelVersion: string;
  featureSetVersion: string;
  featureNames: readonly string[];
  horizonDays: number;
  thresholds: RiskBandThresholds;
}

/** `ChurnScorer.GetModelInfo`: the model serving now, and the thresholds its scores are banded by. */
export class DescribeModel {
  constructor(
    private readonly models: ModelProvider,
    private readonly thresholds: RiskBandThresholds,
  ) {}

  execute(): ModelDescription {
    const model = this.models.current();
    return {
      modelVersion: model.modelVersion,
      featureSetVersion: model.featureSetVersion,
      featureNames: model.featureNames,
      horizonDays: model.horizonDays,
      ...model.provenance,
      thresholds: this.thresholds,
    };
  }
}
