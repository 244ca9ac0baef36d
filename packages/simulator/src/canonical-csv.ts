import type { SimulatedTransaction } from './simulate-transactions';

export const CANONICAL_HEADER = 'customer_id,timestamp,amount,order_id';

/** The canonical log format every churn tool reads: a header, one document per line, '\n' line ends. */
export function toCanonicalCsv(rows: ReadonlyArray<SimulatedTransaction>): string {
  const lines = [CANONICAL_HEADER];
  for (const row of rows) {
    lines.push([row.customerId, row.timestamp, formatAmount(row.amount), row.orderId].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function formatAmount(amount: number): string {
  // Two decimals at most, no exponent notation, no "-0".
  const rounded = Math.round(amount * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
