import { randomUUID } from 'node:crypto';
import type { ChurnScored } from '@syncengage/contracts';

/** A churn-scored event of a slipping customer (At-Risk under the default rules); override what a test needs. */
export function atRiskScore(customerId: string, overrides: Partial<ChurnScored> = {}): ChurnScored {
  return {
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    customerId,
    eventType: 'churn-scored',
    schemaVersion: 1,
    score: 0.9,
    band: 'high',
    modelVersion: 'rf-1',
    horizonDays: 30,
    rfm: { recencyDays: 60, frequency: 7, monetaryTotalCents: 84_000, tenureDays: 400 },
    profile: { email: `${customerId}@example.com`, firstName: 'Ana', locale: 'es-MX' },
    trigger: 'purchase_made',
    ...overrides,
  };
}
