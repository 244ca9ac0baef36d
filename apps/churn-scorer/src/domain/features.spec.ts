import { emptyActivity, recordTransaction, type CustomerActivity } from './customer-activity';
import { FEATURE_DEFINITIONS, FEATURE_NAMES, featuresAt, NoOrdersYet, RFM_FEATURE_NAMES, type FeatureName } from './features';
import { upperRegularizedGamma } from './special-functions';

const fold = (rows: Array<[number, number]>): CustomerActivity =>
  rows.reduce((activity, [day, amount]) => recordTransaction(activity, { day, amount }), emptyActivity());

const named = (row: Float64Array): Record<FeatureName, number> =>
  Object.fromEntries(FEATURE_NAMES.map((name, index) => [name, row[index]])) as Record<FeatureName, number>;

describe('featuresAt', () => {
  // Orders on days 100 (two invoices, 20 + 10), 130 (50) and 160 (40); returns on 110 (5) and 160 (10); T = 200.
  const activity = fold([[100, 20], [100, 10], [110, -5], [130, 50], [160, 40], [160, -10]]);
  const features = named(featuresAt(activity, 200));

  it('matches the protocol definitions computed by hand', () => {
    expect(features).toMatchObject({
      recency_days: 40,
      frequency: 3,
      monetary_total: 120,
      monetary_mean: 40,
      tenure_days: 100,
      mean_interpurchase_days: 30,
      std_interpurchase_days: 0,
      last_gap_days: 30,
      orders_last_30: 0,
      orders_last_90: 2,
      orders_last_180: 3,
      spend_last_90: 90,
      spend_prev_90: 30,
      spend_trend_90: 60,
      last_order_amount: 40,
      max_order_amount: 50,
      n_returns: 2,
      returns_value: 15,
    });
    expect(features.overdue_ratio).toBeCloseTo(40 / 30, 12);
    expect(features.documents_per_order).toBeCloseTo(4 / 3, 12);
    expect(features.return_value_ratio).toBeCloseTo(15 / 135, 12);
  });

  it('derives the rhythm features from the customer\'s own gaps', () => {
    // Gaps 30 and 30: no variance, so the shape is clamped at 50; mean 30, silence 40 days.
    expect(features.rhythm_silence_probability).toBeCloseTo(upperRegularizedGamma(50, (50 * 40) / 30), 15);
    expect(features.rhythm_silence_probability).toBeLessThan(0.05);
    expect(features.repeat_alive_likelihood).toBeCloseTo((61 / 101) ** 2, 12);
    expect(features.recent_pace_ratio).toBeCloseTo((2 / 3) / (90 / 101), 12);
  });

  it('marks what one order cannot define as −1', () => {
    const single = named(featuresAt(fold([[10, 25]]), 10));
    expect(single).toMatchObject({
      recency_days: 0, frequency: 1, tenure_days: 0, mean_interpurchase_days: -1, std_interpurchase_days: -1,
      last_gap_days: -1, overdue_ratio: -1, rhythm_silence_probability: -1, repeat_alive_likelihood: 1, orders_last_30: 1,
    });
  });

  it('needs three orders for the standard deviation of gaps (population std, like numpy)', () => {
    expect(named(featuresAt(fold([[0, 1], [10, 1]]), 20)).std_interpurchase_days).toBe(-1);
    expect(named(featuresAt(fold([[0, 1], [10, 1], [40, 1]]), 40)).std_interpurchase_days).toBeCloseTo(10, 12);
  });

  it('counts a zero-value purchase as an order but never a return', () => {
    const withZero = named(featuresAt(fold([[0, 10], [5, 0], [8, -3]]), 10));
    expect(withZero).toMatchObject({ frequency: 2, recency_days: 5, n_returns: 1, returns_value: 3 });
  });

  it('refuses a customer with returns only, and rows after the cutoff', () => {
    expect(() => featuresAt(fold([[3, -5]]), 10)).toThrow(NoOrdersYet);
    expect(() => featuresAt(fold([[3, 5], [12, 1]]), 10)).toThrow(/after the cutoff/);
  });

  it('lists RFM first and defines every feature', () => {
    expect(FEATURE_NAMES.slice(0, 4)).toEqual(RFM_FEATURE_NAMES);
    expect(FEATURE_NAMES.every((name) => FEATURE_DEFINITIONS[name].length > 10)).toBe(true);
  });
});
