import type { RfmSummary } from '@syncengage/contracts';
import type { FeatureName } from './features';

/** The four numbers the orchestrator segments on, read from the full vector by name. */
export function rfmSummaryOf(features: Float64Array, names: readonly FeatureName[]): RfmSummary {
  const value = (name: FeatureName): number => {
    const index = names.indexOf(name);
    return index < 0 ? 0 : features[index];
  };
  return {
    recencyDays: Math.max(0, value('recency_days')),
    frequency: Math.max(0, Math.round(value('frequency'))),
    monetaryTotalCents: Math.round(value('monetary_total') * 100),
    tenureDays: Math.max(0, value('tenure_days')),
  };
}
