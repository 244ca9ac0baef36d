import { FEATURE_NAMES } from './features';
import { buildSnapshot, selectColumns, type CustomerLog } from './training-snapshot';

const log = (customerId: string, rows: Array<[number, number]>): CustomerLog =>
  ({ customerId, days: rows.map(([day]) => day), amounts: rows.map(([, amount]) => amount) });

describe('buildSnapshot', () => {
  const logs = [
    log('001', [[10, 5], [95, 7]]),          // orders again within (50, 140]: stays
    log('002', [[20, 5], [60, -5]]),         // only a return after the cutoff: churned
    log('003', [[70, 5]]),                   // first order after the cutoff: not in the population
    log('004', [[30, -2]]),                  // returns only: not in the population
    log('005', [[40, 5], [140, 1], [141, 3]]), // order on the last day of the window counts
    log('006', [[50, 5], [141, 3]]),         // order the day after the window: churned
  ];
  const snapshot = buildSnapshot(logs, 50, 90);

  it('takes every customer with an order on or before the cutoff as the population', () => {
    expect(snapshot.customerIds).toEqual(['001', '002', '005', '006']);
  });

  it('labels churned = no order (returns do not count) in (cutoff, cutoff + horizon]', () => {
    expect(Array.from(snapshot.labels)).toEqual([0, 1, 0, 1]);
  });

  it('computes features from rows up to the cutoff only', () => {
    const recency = FEATURE_NAMES.indexOf('recency_days');
    expect(snapshot.rows.map((row) => row[recency])).toEqual([40, 30, 10, 0]);
  });

  it('selects a subset of columns by name', () => {
    expect(selectColumns(snapshot.rows, FEATURE_NAMES, ['frequency', 'recency_days'])[0]).toEqual(Float64Array.of(1, 40));
    expect(() => selectColumns(snapshot.rows, FEATURE_NAMES, ['nope'])).toThrow(/unknown feature/);
  });
});
