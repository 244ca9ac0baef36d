import { createHash } from 'node:crypto';
import { simulateTransactions, toCanonicalCsv } from '@syncengage/simulator';
import { dayOf } from '../../src/domain/calendar-day';
import type { ModelArtifact } from '../../src/domain/model-artifact';
import { trainChurnModel } from '../../src/domain/train-churn-model';
import { buildSnapshot, type CustomerLog } from '../../src/domain/training-snapshot';

export interface SmallModelOptions {
  seed: number;
  customers?: number;
  days?: number;
  trees?: number;
}

const HORIZON_DAYS = 90;

/**
 * A genuinely different model in well under a second: a small forest trained on its own simulated shop, the
 * way churn:train does it (snapshot at last day − horizon, Platt calibration on out-of-bag scores).
 */
export function trainSmallModel({ seed, customers = 1_500, days = 500, trees = 12 }: SmallModelOptions): ModelArtifact {
  const transactions = simulateTransactions({ seed, customers, startDate: new Date('2024-01-01T00:00:00Z'), days });
  const byCustomer = new Map<string, { days: number[]; amounts: number[] }>();
  let lastDay = -Infinity;
  for (const row of transactions) {
    const log = byCustomer.get(row.customerId) ?? { days: [], amounts: [] };
    const day = dayOf(row.timestamp);
    log.days.push(day);
    log.amounts.push(row.amount);
    byCustomer.set(row.customerId, log);
    lastDay = Math.max(lastDay, day);
  }
  const logs: CustomerLog[] = [...byCustomer].map(([customerId, log]) => ({ customerId, ...log }));
  const snapshot = buildSnapshot(logs, lastDay - HORIZON_DAYS, HORIZON_DAYS);
  const dataSha256 = createHash('sha256').update(toCanonicalCsv(transactions)).digest('hex');
  const { artifact } = trainChurnModel({
    snapshot,
    parameters: { trees, seed, minSamplesLeaf: 20 },
    calibration: 'platt',
    dataSha256,
    source: `simulated-seed-${seed}.csv`,
    createdAt: new Date(),
    fingerprintHex: createHash('sha256').update(`${dataSha256}:${trees}`).digest('hex'),
  });
  return artifact;
}
