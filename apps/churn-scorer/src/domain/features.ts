import { hasOrders, type CustomerActivity } from './customer-activity';
import { upperRegularizedGamma } from './special-functions';

/**
 * The one feature module of the churn model: training snapshots and live scoring both call featuresAt on a
 * CustomerActivity, so a model always sees features computed exactly as it was trained on. Definitions follow
 * the evaluation protocol (../shared/data/README.md); undefined values are −1 because the forest takes no
 * missing values.
 */

/** Bump whenever a definition changes or a feature is added: a model only scores features of its own version. */
export const FEATURE_SET_VERSION = 'churn-features/2';

export const FEATURE_DEFINITIONS = {
  recency_days: 'T − last order day',
  frequency: 'number of orders (order = all rows with amount >= 0 of the customer on one calendar day)',
  monetary_total: 'sum of order amounts',
  monetary_mean: 'monetary_total / frequency',
  tenure_days: 'T − first order day',
  mean_interpurchase_days: '(last − first order day) / (frequency − 1); −1 with one order',
  std_interpurchase_days: 'population std of the gaps between consecutive order days; −1 with fewer than 3 orders',
  last_gap_days: 'gap between the last two order days; −1 with one order',
  overdue_ratio: 'recency_days / max(1, mean_interpurchase_days); −1 with one order',
  orders_last_30: 'orders on days d > T − 30',
  orders_last_90: 'orders on days d > T − 90',
  orders_last_180: 'orders on days d > T − 180',
  spend_last_90: 'order amounts on days d > T − 90',
  spend_prev_90: 'order amounts on days T − 180 < d <= T − 90',
  spend_trend_90: 'spend_last_90 − spend_prev_90',
  last_order_amount: 'amount of the last order',
  max_order_amount: 'largest order amount',
  documents_per_order: 'purchase rows (invoices) / frequency',
  n_returns: 'days with a negative-amount row, up to T',
  returns_value: 'sum of the absolute values of negative rows, up to T',
  return_value_ratio: 'returns_value / (monetary_total + returns_value); 0 when that is 0',
  rhythm_silence_probability:
    "chance of a silence at least recency_days long under the customer's own rhythm: the survival function of a gamma " +
    'distribution with the mean of their gaps and shape mean²/variance (shape 1 with one gap, clamped to [0.5, 50]); −1 with one order',
  repeat_alive_likelihood:
    '((last − first + 1) / (tenure_days + 1))^(frequency − 1): the Pareto/NBD-style odds that a customer who bought ' +
    'this often in (first, last] is still buying; 1 with one order',
  recent_pace_ratio:
    'share of orders in the last 90 days divided by the share expected at a steady pace, min(1, 90 / (tenure_days + 1))',
} as const;

export type FeatureName = keyof typeof FEATURE_DEFINITIONS;

export const RFM_FEATURE_NAMES: readonly FeatureName[] = ['recency_days', 'frequency', 'monetary_total', 'monetary_mean'];

/** Column order of every feature vector; models store the names they were trained with and check them. */
export const FEATURE_NAMES: readonly FeatureName[] = Object.keys(FEATURE_DEFINITIONS) as FeatureName[];

/** The baseline's 21 features (RFM + extended), for comparisons with the reference numbers. */
export const BASELINE_FEATURE_NAMES: readonly FeatureName[] = FEATURE_NAMES.slice(0, 21);

export const UNDEFINED_FEATURE = -1;

export class NoOrdersYet extends Error {
  readonly code = 'NO_ORDERS_YET';
  constructor() {
    super('features need at least one order: a customer with only returns is outside the population the model knows');
  }
}

const MIN_GAMMA_SHAPE = 0.5;
const MAX_GAMMA_SHAPE = 50;

/**
 * Features of a customer as of the end of day `asOfDay` (the cutoff T), in FEATURE_NAMES order. The activity must
 * contain only rows on days <= asOfDay: a row after T would leak the future, so that is an error, not a clamp.
 */
export function featuresAt(activity: CustomerActivity, asOfDay: number): Float64Array {
  if (!hasOrders(activity)) throw new NoOrdersYet();
  if (activity.latestDay !== null && activity.latestDay > asOfDay) {
    throw new RangeError(`featuresAt: the activity has rows up to day ${activity.latestDay}, after the cutoff ${asOfDay}`);
  }
  const firstDay = activity.firstOrderDay as number;
  const lastDay = activity.lastOrderDay as number;
  const frequency = activity.orderCount;
  const recency = asOfDay - lastDay;
  const tenure = asOfDay - firstDay;
  const isRepeat = frequency > 1;
  const meanGap = isRepeat ? (lastDay - firstDay) / (frequency - 1) : UNDEFINED_FEATURE;
  const stdGap = frequency >= 3 ? Math.sqrt(activity.gaps.m2 / activity.gaps.count) : UNDEFINED_FEATURE;

  let ordersLast30 = 0;
  let ordersLast90 = 0;
  let ordersLast180 = 0;
  let spendLast90 = 0;
  let spendPrev90 = 0;
  for (const [day, amount] of activity.recentOrders) {
    if (day > asOfDay - 180) ordersLast180++;
    if (day > asOfDay - 90) {
      ordersLast90++;
      spendLast90 += amount;
    } else if (day > asOfDay - 180) {
      spendPrev90 += amount;
    }
    if (day > asOfDay - 30) ordersLast30++;
  }
  const returnsDenominator = activity.monetaryTotal + activity.returnsValue;
  const expectedRecentShare = Math.min(1, 90 / (tenure + 1));

  const values: Record<FeatureName, number> = {
    recency_days: recency,
    frequency,
    monetary_total: activity.monetaryTotal,
    monetary_mean: activity.monetaryTotal / frequency,
    tenure_days: tenure,
    mean_interpurchase_days: meanGap,
    std_interpurchase_days: stdGap,
    last_gap_days: isRepeat ? lastDay - (activity.previousOrderDay as number) : UNDEFINED_FEATURE,
    overdue_ratio: isRepeat ? recency / Math.max(1, meanGap) : UNDEFINED_FEATURE,
    orders_last_30: ordersLast30,
    orders_last_90: ordersLast90,
    orders_last_180: ordersLast180,
    spend_last_90: spendLast90,
    spend_prev_90: spendPrev90,
    spend_trend_90: spendLast90 - spendPrev90,
    last_order_amount: activity.lastOrderAmount,
    max_order_amount: activity.maxOrderAmount,
    documents_per_order: activity.documentCount / frequency,
    n_returns: activity.returnDayCount,
    returns_value: activity.returnsValue,
    return_value_ratio: returnsDenominator > 0 ? activity.returnsValue / returnsDenominator : 0,
    rhythm_silence_probability: isRepeat ? silenceProbability(recency, meanGap, stdGap, frequency) : UNDEFINED_FEATURE,
    repeat_alive_likelihood: Math.pow((lastDay - firstDay + 1) / (tenure + 1), frequency - 1),
    recent_pace_ratio: ordersLast90 / frequency / expectedRecentShare,
  };
  const row = new Float64Array(FEATURE_NAMES.length);
  FEATURE_NAMES.forEach((name, index) => { row[index] = values[name]; });
  return row;
}

function silenceProbability(recency: number, meanGap: number, stdGap: number, frequency: number): number {
  const mean = Math.max(1, meanGap);
  const shape = frequency >= 3 && stdGap > 0
    ? Math.min(MAX_GAMMA_SHAPE, Math.max(MIN_GAMMA_SHAPE, (mean * mean) / (stdGap * stdGap)))
    : frequency >= 3 ? MAX_GAMMA_SHAPE : 1;
  return upperRegularizedGamma(shape, (shape * recency) / mean);
}
