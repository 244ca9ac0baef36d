import { drawCustomerTraits } from './customer-traits';
import { simulatePurchaseHistory } from './purchase-history';
import { deriveSeed, mulberry32 } from './prng';

export interface SimulationOptions {
  seed: number;
  /** Customers whose lives are simulated; those who left before the start never appear in the output. */
  customers: number;
  /** First simulated day; only its UTC calendar date is used. */
  startDate: Date;
  days: number;
}

/** One row of the canonical log: an invoice (amount >= 0) or a credit note (amount < 0). */
export interface SimulatedTransaction {
  customerId: string;
  /** ISO-8601 in UTC with a `Z`, whole seconds. */
  timestamp: string;
  amount: number;
  orderId: string;
}

const DAY_MS = 86_400_000;

export function customerIdOf(index: number): string {
  // Leading zeros on purpose: ids are strings and must stay strings all the way through.
  return `C${String(index).padStart(6, '0')}`;
}

/**
 * Simulates every customer's purchases and returns them sorted by time. Same options, same output: each
 * customer draws from their own seeded stream, so the result does not depend on iteration order either.
 */
export function simulateTransactions(options: SimulationOptions): SimulatedTransaction[] {
  assertValid(options);
  const startMs = Date.UTC(options.startDate.getUTCFullYear(), options.startDate.getUTCMonth(), options.startDate.getUTCDate());
  const documents: Array<{ customerIndex: number; offsetMs: number; amount: number }> = [];
  for (let index = 1; index <= options.customers; index++) {
    const random = mulberry32(deriveSeed(options.seed, index));
    const traits = drawCustomerTraits(random, options.days);
    for (const document of simulatePurchaseHistory(random, traits, options.days)) {
      documents.push({ customerIndex: index, ...document });
    }
  }
  documents.sort((a, b) => a.offsetMs - b.offsetMs || a.customerIndex - b.customerIndex || b.amount - a.amount);

  // Invoice numbers grow with time, like a real shop's; credit notes have their own prefix.
  return documents.map((document, position) => ({
    customerId: customerIdOf(document.customerIndex),
    timestamp: new Date(startMs + document.offsetMs).toISOString().replace('.000Z', 'Z'),
    amount: document.amount,
    orderId: `${document.amount < 0 ? 'CRN' : 'INV'}-${String(position + 1).padStart(7, '0')}`,
  }));
}

function assertValid({ seed, customers, startDate, days }: SimulationOptions): void {
  const problems: string[] = [];
  if (!Number.isInteger(seed)) problems.push(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(customers) || customers < 0) problems.push(`customers must be an integer >= 0, got ${customers}`);
  if (!Number.isInteger(days) || days < 1) problems.push(`days must be an integer >= 1, got ${days}`);
  if (!(startDate instanceof Date) || Number.isNaN(startDate.getTime())) problems.push('startDate must be a valid Date');
  if (problems.length > 0) throw new RangeError(`simulateTransactions: ${problems.join('; ')}`);
}

