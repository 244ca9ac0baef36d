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

/** Scores a customer's kept state as of `now` (see stateFeatures); undefined for a customer with no order yet. */
export function scoreState(state: CustomerState, model: ChurnModel, now: Date): StateScoring | undefined {
  const features = stateFeatures(state, now);
  if (!features) return undefined;
  const score = model.score(selectFeatures(features, model.featureNames));
  return { score, features, modelVersion: model.modelVersion, horizonDays: model.horizonDays };
}

/**
 * Every feature as of today, or as of the latest recorded day if a source's clock runs ahead of ours: features
 * must never see a row after their cutoff. Undefined for a customer with no order yet (only returns or a profile).
 */
export function stateFeatures(state: CustomerState, now: Date): Float64Array | undefined {
  if (!hasOrders(state.activity)) return undefined;
  const today = dayOf(now.toISOString());
  const asOfDay = Math.max(today, state.activity.latestDay ?? today);
  return featuresAt(state.activity, asOfDay);
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
