import { mulberry32, simulateTransactions } from '@syncengage/simulator';
import { dayOf } from '@syncengage/churn-scorer/dist/domain/calendar-day';
import { FEATURE_NAMES } from '@syncengage/churn-scorer/dist/domain/features';
import { buildSnapshot, type CustomerLog } from '@syncengage/churn-scorer/dist/domain/training-snapshot';

export interface LabelledRows {
  rows: Float64Array[];
  /** 1 = churned within the horizon. */
  labels: Uint8Array;
}

export interface SimulatedFeatureRows {
  featureNames: readonly string[];
  /** Snapshots at last day − 3H and − 2H together: the rows every forest of this bench is trained on. */
  train: LabelledRows;
  /** The snapshot at last day − H: rows no forest was trained on, for timing predictions and sanity AUCs. */
  holdout: LabelledRows;
  transactionCount: number;
  seconds: number;
}

const SIMULATED_DAYS = 730;

/**
 * Feature rows of simulated customers, computed by the churn scorer's own snapshot code (the features the model
 * serves on), so the timing parts run on realistic rows without any file.
 */
export function simulatedFeatureRows(customers: number, seed: number, horizonDays: number): SimulatedFeatureRows {
  const started = process.hrtime.bigint();
  const transactions = simulateTransactions({ seed, customers, startDate: new Date('2023-01-01T00:00:00Z'), days: SIMULATED_DAYS });
  const logs = new Map<string, { customerId: string; days: number[]; amounts: number[] }>();
  let lastDay = -Infinity;
  for (const transaction of transactions) {
    const day = dayOf(transaction.timestamp);
    let log = logs.get(transaction.customerId);
    if (!log) logs.set(transaction.customerId, (log = { customerId: transaction.customerId, days: [], amounts: [] }));
    log.days.push(day);
    log.amounts.push(transaction.amount);
    if (day > lastDay) lastDay = day;
  }
  const customerLogs: CustomerLog[] = [...logs.values()];
  const snapshotAt = (cutoffDay: number): LabelledRows => {
    const snapshot = buildSnapshot(customerLogs, cutoffDay, horizonDays);
    return { rows: snapshot.rows, labels: snapshot.labels };
  };
  const older = snapshotAt(lastDay - 3 * horizonDays);
  const newer = snapshotAt(lastDay - 2 * horizonDays);
  return {
    featureNames: FEATURE_NAMES,
    train: { rows: [...older.rows, ...newer.rows], labels: Uint8Array.from([...older.labels, ...newer.labels]) },
    holdout: snapshotAt(lastDay - horizonDays),
    transactionCount: transactions.length,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

/** `count` rows drawn without replacement by a seeded Fisher–Yates shuffle (same seed, same rows). */
export function sampleRows(data: LabelledRows, count: number, seed: number): LabelledRows {
  const random = mulberry32(seed);
  const order = Int32Array.from({ length: data.rows.length }, (_, index) => index);
  const take = Math.min(count, order.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (order.length - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const picked = Array.from(order.subarray(0, take));
  return { rows: picked.map((index) => data.rows[index]), labels: Uint8Array.from(picked, (index) => data.labels[index]) };
}
