import { emptyActivity, recordTransaction, RETAINED_DAYS, type CustomerActivity } from './customer-activity';
import { FEATURE_NAMES, featuresAt } from './features';
import { mulberry32 } from './random-forest/prng';

type Row = [day: number, amount: number];

/** The protocol computed from scratch over the full history, as the baseline does with pandas. */
function batchFeatures(rows: Row[], cutoff: number): Record<string, number> {
  const orders = new Map<number, { amount: number; documents: number }>();
  const returnDays = new Set<number>();
  let returnsValue = 0;
  for (const [day, amount] of rows) {
    if (day > cutoff) continue;
    if (amount < 0) { returnDays.add(day); returnsValue -= amount; continue; }
    const order = orders.get(day) ?? { amount: 0, documents: 0 };
    orders.set(day, { amount: order.amount + amount, documents: order.documents + 1 });
  }
  const days = [...orders.keys()].sort((a, b) => a - b);
  const amounts = days.map((day) => (orders.get(day) as { amount: number }).amount);
  const gaps = days.slice(1).map((day, i) => day - days[i]);
  const frequency = days.length;
  const total = amounts.reduce((sum, x) => sum + x, 0);
  const mean = frequency > 1 ? (days[frequency - 1] - days[0]) / (frequency - 1) : -1;
  const gapMean = gaps.reduce((sum, x) => sum + x, 0) / Math.max(1, gaps.length);
  const inWindow = (from: number, to: number) => days.filter((day) => day > cutoff - from && day <= cutoff - to);
  const spend = (from: number, to: number) => days.reduce((sum, day, i) => (day > cutoff - from && day <= cutoff - to ? sum + amounts[i] : sum), 0);
  return {
    recency_days: cutoff - days[frequency - 1],
    frequency,
    monetary_total: total,
    max_order_amount: Math.max(...amounts),
    last_order_amount: amounts[frequency - 1],
    mean_interpurchase_days: mean,
    std_interpurchase_days: frequency >= 3 ? Math.sqrt(gaps.reduce((sum, gap) => sum + (gap - gapMean) ** 2, 0) / gaps.length) : -1,
    last_gap_days: frequency > 1 ? gaps[gaps.length - 1] : -1,
    orders_last_30: inWindow(30, 0).length,
    orders_last_180: inWindow(180, 0).length,
    spend_last_90: spend(90, 0),
    spend_prev_90: spend(180, 90),
    documents_per_order: [...orders.values()].reduce((sum, order) => sum + order.documents, 0) / frequency,
    n_returns: returnDays.size,
    returns_value: returnsValue,
  };
}

function randomHistory(seed: number): Row[] {
  const random = mulberry32(seed);
  const rows: Row[] = [];
  let day = Math.floor(random() * 50);
  const count = 1 + Math.floor(random() * 60);
  for (let i = 0; i < count; i++) {
    const amount = random() < 0.1 ? -Math.round(random() * 3000) / 100 : Math.round(random() * 10000) / 100;
    rows.push([day, amount]);
    if (random() < 0.7) day += Math.floor(random() * random() * 80);
  }
  return rows;
}

const fold = (rows: Row[]): CustomerActivity => rows.reduce((activity, [day, amount]) => recordTransaction(activity, { day, amount }), emptyActivity());

function expectSameFeatures(activity: CustomerActivity, rows: Row[], cutoff: number): void {
  const incremental = featuresAt(activity, cutoff);
  for (const [name, value] of Object.entries(batchFeatures(rows, cutoff))) {
    expect([name, incremental[FEATURE_NAMES.indexOf(name as never)]]).toEqual([name, expect.closeTo(value, 9)]);
  }
}

describe('CustomerActivity', () => {
  it.each(Array.from({ length: 40 }, (_, seed) => seed))('folded event by event equals the batch features (history %d)', (seed) => {
    const rows = randomHistory(seed);
    const cutoff = Math.max(...rows.map(([day]) => day)) + (seed % 4) * 45;
    if (!rows.some(([, amount]) => amount >= 0)) return;
    expectSameFeatures(fold(rows), rows, cutoff);
  });

  it('places late events inside the retained window exactly', () => {
    for (let seed = 100; seed < 140; seed++) {
      const rows = randomHistory(seed).map(([day, amount]): Row => [day + 400, amount]);
      if (!rows.some(([, amount]) => amount >= 0)) continue;
      const latest = Math.max(...rows.map(([day]) => day));
      const random = mulberry32(seed);
      // Shuffle only rows of the last 150 days, and keep the first purchase first so every late row has a known neighbour.
      const firstPurchase = rows.findIndex(([, amount]) => amount >= 0);
      const head = rows.filter(([day], i) => i <= firstPurchase || day <= latest - 150);
      const tail = rows.filter(([day], i) => i > firstPurchase && day > latest - 150).sort(() => random() - 0.5);
      const activity = fold([...head, ...tail]);
      expect(activity.isApproximate).toBe(false);
      expectSameFeatures(activity, rows, latest + 3);
    }
  });

  it('merges several invoices on one day into one order', () => {
    const activity = fold([[5, 10], [5, 15], [5, 0]]);
    expect(activity).toMatchObject({ orderCount: 1, documentCount: 3, lastOrderAmount: 25, maxOrderAmount: 25 });
  });

  it('keeps only the retained window of days, so memory stays bounded', () => {
    let activity = emptyActivity();
    for (let day = 0; day < 3000; day++) activity = recordTransaction(activity, { day, amount: day % 7 === 0 ? -1 : 5 });
    expect(activity.recentOrders.length).toBeLessThanOrEqual(RETAINED_DAYS);
    expect(activity.recentReturnDays.length).toBeLessThanOrEqual(RETAINED_DAYS);
    expect(activity.orderCount).toBe(3000 - Math.ceil(3000 / 7));
  });

  it('flags a late row older than the window instead of guessing silently', () => {
    const activity = fold([[0, 5], [100, 5], [400, 5], [50, 5]]);
    expect(activity.isApproximate).toBe(true);
    expect(activity.monetaryTotal).toBe(20);
  });

  it('survives a JSON round trip and never mutates its input', () => {
    const before = fold([[1, 10], [3, -2], [9, 4]]);
    const snapshot = JSON.stringify(before);
    const after = recordTransaction(before, { day: 12, amount: 7 });
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(featuresAt(JSON.parse(JSON.stringify(after)), 20)).toEqual(featuresAt(after, 20));
  });

  it('rejects a day that is not an integer and an amount that is not finite', () => {
    expect(() => recordTransaction(emptyActivity(), { day: 1.5, amount: 1 })).toThrow(RangeError);
    expect(() => recordTransaction(emptyActivity(), { day: 1, amount: Number.NaN })).toThrow(RangeError);
  });
});
