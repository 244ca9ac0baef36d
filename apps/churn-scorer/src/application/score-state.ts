import { dayOf } from '../domain/calendar-day';
import { FEATURE_NAMES, featuresAt } from '../domain/features';
import { hasOrders } from '../domain/customer-activity';
import type { ChurnModel, CustomerState } from './ports';

export interface StateScoring {
  score: number;
  /** Every feature of the current feature set, in FEATURE_NAMES order (the model may use a subset). */
  features: Float64Array;
  modelVersion: string;
  horizonDays: number;
}

/**
 * Scores as of today, or as of the latest recorded day if a source's clock runs ahead of ours: features must
 * never see a row after their cutoff. Undefined for a customer with no order yet (only returns or a profile).
 */
export function scoreState(state: CustomerState, model: ChurnModel, now: Date): StateScoring | undefined {
  if (!hasOrders(state.activity)) return undefined;
  const today = dayOf(now.toISOString());
  const asOfDay = Math.max(today, state.activity.latestDay ?? today);
  const features = featuresAt(state.activity, asOfDay);
  const score = model.score(selectFeatures(features, model.featureNames));
  return { score, features, modelVersion: model.modelVersion, horizonDays: model.horizonDays };
}

/** A model trained on a subset (RFM only, or an older feature set) gets exactly its own columns, by name. */
export function selectFeatures(all: Float64Array, wanted: readonly string[]): Float64Array {
  const names = FEATURE_NAMES as readonly string[];
  const selected = new Float64Array(wanted.length);
  wanted.forEach((name, index) => {
    const column = names.indexOf(name);
    if (column < 0) throw new Error(`the model needs feature ${name}, which this scorer does not compute`);
    selected[index] = all[column];
  });
  return selected;
}
