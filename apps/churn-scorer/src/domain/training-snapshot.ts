import { emptyActivity, recordTransaction } from './customer-activity';
import { featuresAt } from './features';

/** One customer's rows, sorted by day (ties in any order: rows of one day are summed). */
export interface CustomerLog {
  customerId: string;
  days: ArrayLike<number>;
  amounts: ArrayLike<number>;
}

export interface Snapshot {
  cutoffDay: number;
  horizonDays: number;
  customerIds: string[];
  /** featuresAt each customer's activity at the cutoff, FEATURE_NAMES order. */
  rows: Float64Array[];
  /** 1 = churned: no order on a day in (cutoff, cutoff + horizon]. */
  labels: Uint8Array;
}

/**
 * The protocol's snapshot at cutoff T: the population is every customer with an order on a day <= T; features fold
 * recordTransaction over rows on days <= T only (exactly what serving does event by event); the label looks at
 * orders in (T, T + H]. Returns never count as orders, before or after T.
 */
export function buildSnapshot(logs: Iterable<CustomerLog>, cutoffDay: number, horizonDays: number): Snapshot {
  const snapshot: Snapshot = { cutoffDay, horizonDays, customerIds: [], rows: [], labels: new Uint8Array(0) };
  const labels: number[] = [];
  for (const log of logs) {
    let activity = emptyActivity();
    let isActiveAfter = false;
    for (let i = 0; i < log.days.length; i++) {
      const day = log.days[i];
      if (day <= cutoffDay) activity = recordTransaction(activity, { day, amount: log.amounts[i] });
      else if (day <= cutoffDay + horizonDays && log.amounts[i] >= 0) isActiveAfter = true;
    }
    if (activity.orderCount === 0) continue;
    snapshot.customerIds.push(log.customerId);
    snapshot.rows.push(featuresAt(activity, cutoffDay));
    labels.push(isActiveAfter ? 0 : 1);
  }
  snapshot.labels = Uint8Array.from(labels);
  return snapshot;
}

/** Keeps only the columns named in `selected`, in that order (e.g. the RFM subset of a snapshot's rows). */
export function selectColumns(rows: ReadonlyArray<Float64Array>, allNames: readonly string[], selected: readonly string[]): Float64Array[] {
  const indices = selected.map((name) => {
    const index = allNames.indexOf(name);
    if (index < 0) throw new RangeError(`unknown feature "${name}"`);
    return index;
  });
  return rows.map((row) => Float64Array.from(indices, (index) => row[index]));
}
