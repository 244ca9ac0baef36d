import type { SplitCriterion } from './tree-builder';

export type MaxFeatures = 'sqrt' | 'log2' | 'all' | number;
export type ClassWeight = 'none' | 'balanced' | { negative: number; positive: number };

export interface ForestParameters {
  trees: number;
  /** null = grow until leaves are pure or too small. */
  maxDepth: number | null;
  minSamplesLeaf: number;
  minSamplesSplit: number;
  /** Features tried per split: 'sqrt' / 'log2' of the count, 'all', an integer count, or a fraction in (0, 1). */
  maxFeatures: MaxFeatures;
  criterion: SplitCriterion;
  /** 'balanced' weighs each class by n / (2 · n_class) over the whole training set, as scikit-learn does. */
  classWeight: ClassWeight;
  bootstrap: boolean;
  /** Quantile bins per feature for the split search; columns with fewer distinct values are split exactly. */
  maxBins: number;
  seed: number;
}

/**
 * Defaults are generic, not fitted to any one log: scikit-learn's forest settings except min_samples_leaf 5 (the
 * reference baseline's). On noisy churn labels larger leaves usually rank better; the CLIs therefore default to
 * choosing it by out-of-bag ROC AUC (select-leaf-size.ts) rather than trusting any fixed number.
 */
export const DEFAULT_FOREST_PARAMETERS: Readonly<ForestParameters> = Object.freeze({
  trees: 300,
  maxDepth: null,
  minSamplesLeaf: 5,
  minSamplesSplit: 2,
  maxFeatures: 'sqrt',
  criterion: 'gini',
  classWeight: 'none',
  bootstrap: true,
  maxBins: 256,
  seed: 0,
});

export function resolveParameters(overrides: Partial<ForestParameters>): ForestParameters {
  const parameters = { ...DEFAULT_FOREST_PARAMETERS, ...stripUndefined(overrides) };
  const problems: string[] = [];
  const isPositiveInteger = (value: number): boolean => Number.isInteger(value) && value >= 1;
  if (!isPositiveInteger(parameters.trees)) problems.push(`trees must be an integer >= 1, got ${parameters.trees}`);
  if (parameters.maxDepth !== null && !isPositiveInteger(parameters.maxDepth)) problems.push(`maxDepth must be null or an integer >= 1, got ${parameters.maxDepth}`);
  if (!isPositiveInteger(parameters.minSamplesLeaf)) problems.push(`minSamplesLeaf must be an integer >= 1, got ${parameters.minSamplesLeaf}`);
  if (!Number.isInteger(parameters.minSamplesSplit) || parameters.minSamplesSplit < 2) problems.push(`minSamplesSplit must be an integer >= 2, got ${parameters.minSamplesSplit}`);
  if (!Number.isInteger(parameters.maxBins) || parameters.maxBins < 2 || parameters.maxBins > 65_535) problems.push(`maxBins must be an integer in [2, 65535], got ${parameters.maxBins}`);
  if (!Number.isInteger(parameters.seed)) problems.push(`seed must be an integer, got ${parameters.seed}`);
  if (typeof parameters.maxFeatures === 'number' && !(parameters.maxFeatures > 0)) problems.push(`maxFeatures must be positive, got ${parameters.maxFeatures}`);
  if (!['gini', 'entropy'].includes(parameters.criterion)) problems.push(`criterion must be gini or entropy, got ${parameters.criterion}`);
  if (problems.length > 0) throw new RangeError(`invalid forest parameters: ${problems.join('; ')}`);
  return parameters;
}

export function featuresPerSplit(maxFeatures: MaxFeatures, featureCount: number): number {
  if (maxFeatures === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(featureCount)));
  if (maxFeatures === 'log2') return Math.max(1, Math.floor(Math.log2(featureCount)));
  if (maxFeatures === 'all') return featureCount;
  if (maxFeatures < 1) return Math.max(1, Math.floor(maxFeatures * featureCount));
  return Math.min(featureCount, Math.floor(maxFeatures));
}

function stripUndefined<T extends object>(value: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
