import { randomUUID } from 'node:crypto';
import type { ChurnScored } from '@syncengage/contracts';

/** A churn-scored event of a slipping customer (At-Risk under the default rules); override what a test needs. */
export function atRiskScore(customerId: string, overrides: Partial<ChurnScored> = {}): ChurnScored {
  return churnScored(customerId, {
    score: 0.9,
    band: 'high',
    rfm: { recencyDays: 60, frequency: 7, monetaryTotalCents: 84_000, tenureDays: 400 },
    profile: { email: `${customerId}@example.com`, firstName: 'Ana', locale: 'es-MX' },
    ...overrides,
  });
}

/** A customer in their first weeks: New under the default rules. */
export function newCustomerScore(customerId: string, overrides: Partial<ChurnScored> = {}): ChurnScored {
  return churnScored(customerId, {
    score: 0.2,
    band: 'low',
    rfm: { recencyDays: 3, frequency: 1, monetaryTotalCents: 4_000, tenureDays: 5 },
    profile: { email: `${customerId}@example.com`, firstName: 'Ana', locale: 'en' },
    ...overrides,
  });
}

/** The envelope and model fields every test's score shares, around who the customer is. */
function churnScored(customerId: string, customer: Pick<ChurnScored, 'score' | 'band' | 'rfm' | 'profile'> & Partial<ChurnScored>): ChurnScored {
  return {
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    customerId,
    eventType: 'churn-scored',
    schemaVersion: 1,
    modelVersion: 'rf-1',
    horizonDays: 30,
    trigger: 'purchase_made',
    ...customer,
  };
}
