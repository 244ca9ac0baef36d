import { applyCalibration } from './calibration';
import { FEATURE_NAMES, FEATURE_SET_VERSION } from './features';
import { decodeForest, InvalidModelArtifact, parseModelArtifact, type ModelArtifact } from './model-artifact';
import { compileForest, walkRow } from './random-forest/compiled-forest';
import { asFloat64, contributions } from './random-forest/flat-forest';

export interface FeatureContribution {
  feature: string;
  value: number;
  /** Change in the uncalibrated forest probability credited to this feature (Saabas path attribution). */
  contribution: number;
}

export interface ScoreExplanation {
  /** The forest's mean training churn share, where every path starts. */
  baseline: number;
  /** Uncalibrated forest probability = baseline + Σ contributions. */
  rawScore: number;
  /** Largest absolute contributions first. */
  contributions: FeatureContribution[];
}

export interface ChurnModel {
  modelVersion: string;
  featureSetVersion: string;
  featureNames: readonly string[];
  horizonDays: number;
  /** Calibrated probability of churn (no order within horizonDays), 0..1, for features in featureNames order. */
  score(features: ArrayLike<number>): number;
  explain(features: ArrayLike<number>, top?: number): ScoreExplanation;
}

/**
 * A scoring function from an artifact (a parsed JSON value or an already validated artifact). Validation happens
 * here once, so a bad file fails at start-up, not on the first customer. The model must have been trained on this
 * build's features (FEATURE_SET_VERSION and FEATURE_NAMES): featuresAt vectors would be misread otherwise.
 */
export function loadChurnModel(artifact: unknown): ChurnModel {
  const parsed: ModelArtifact = parseModelArtifact(artifact);
  if (parsed.featureSetVersion !== FEATURE_SET_VERSION) {
    throw new InvalidModelArtifact('featureSetVersion', `is "${parsed.featureSetVersion}" but this build computes "${FEATURE_SET_VERSION}"; retrain the model`);
  }
  if (parsed.featureNames.join(',') !== FEATURE_NAMES.join(',')) {
    throw new InvalidModelArtifact('featureNames', `differ from this build's features (${FEATURE_SET_VERSION}); retrain the model`);
  }
  const forest = decodeForest(parsed.forest);
  // Laid out for scoring here, at load, so the first customer does not pay for it; explanations walk `forest`.
  const compiled = compileForest(forest);
  const calibration = parsed.calibration;
  const featureNames = Object.freeze([...parsed.featureNames]);
  const assertWidth = (features: ArrayLike<number>): void => {
    if (features.length !== featureNames.length) {
      throw new RangeError(`model ${parsed.modelVersion} takes ${featureNames.length} features (${parsed.featureSetVersion}), got ${features.length}`);
    }
  };
  return {
    modelVersion: parsed.modelVersion,
    featureSetVersion: parsed.featureSetVersion,
    featureNames,
    horizonDays: parsed.horizonDays,
    score(features) {
      assertWidth(features);
      return applyCalibration(calibration, walkRow(compiled, asFloat64(features)));
    },
    explain(features, top = 5) {
      assertWidth(features);
      const { bias, contributions: perFeature } = contributions(forest, features);
      const ranked = featureNames
        .map((feature, index) => ({ feature, value: features[index], contribution: perFeature[index] }))
        .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
      return { baseline: bias, rawScore: walkRow(compiled, asFloat64(features)), contributions: ranked.slice(0, top) };
    },
  };
}
