import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { dayOf } from '../domain/calendar-day';
import type { CustomerLog } from '../domain/training-snapshot';

export interface ColumnMapping {
  customer: string;
  timestamp: string;
  amount: string;
}

export const CANONICAL_COLUMNS: ColumnMapping = { customer: 'customer_id', timestamp: 'timestamp', amount: 'amount' };

export interface TransactionLog {
  path: string;
  /** One entry per customer, rows sorted by day. */
  customers: CustomerLog[];
  rowCount: number;
  negativeRowCount: number;
  firstDay: number;
  lastDay: number;
  /** sha256 of the decompressed file bytes: names exactly the data a model was trained on. */
  sha256: string;
}

export class TransactionLogError extends Error {
  readonly code = 'TRANSACTION_LOG_INVALID';
}

/**
 * Reads a canonical CSV (customer_id,timestamp,amount[,...]; gzip if the name ends in .gz) in one streaming pass.
 * Fields may be quoted; a quoted field may not span lines. Every problem names the file and the line.
 */
export async function readTransactionLog(path: string, mapping: ColumnMapping = CANONICAL_COLUMNS): Promise<TransactionLog> {
  try {
    await access(path, constants.R_OK);
  } catch (error) {
    throw new TransactionLogError(`${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const hash = createHash('sha256');
  const source = createReadStream(path);
  const hashing = new Transform({ transform(chunk: Buffer, _encoding, done) { hash.update(chunk); done(null, chunk); } });
  // pipe() does not forward errors: hand them to the stream readline reads, so the loop below rejects with them.
  const fail = (error: Error): void => { hashing.destroy(new TransactionLogError(`${path}: ${error.message}`)); };
  source.on('error', fail);
  let text: Transform;
  if (path.endsWith('.gz')) {
    const gunzip = createGunzip().on('error', fail);
    text = source.pipe(gunzip).pipe(hashing);
  } else {
    text = source.pipe(hashing);
  }
  const lines = createInterface({ input: text, crlfDelay: Infinity });

  const byCustomer = new Map<string, { days: number[]; amounts: number[] }>();
  let columns: { customer: number; timestamp: number; amount: number } | null = null;
  let lineNumber = 0;
  let rowCount = 0;
  let negativeRowCount = 0;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  try {
    for await (const rawLine of lines) {
      lineNumber++;
      const line = lineNumber === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine;
      if (line.trim() === '') continue;
      const fields = splitCsvLine(line);
      if (columns === null) {
        columns = locateColumns(path, fields, mapping);
        continue;
      }
      const customerId = fields[columns.customer]?.trim() ?? '';
      const timestamp = fields[columns.timestamp]?.trim() ?? '';
      const amountText = fields[columns.amount]?.trim() ?? '';
      if (customerId === '' || timestamp === '' || amountText === '') {
        throw new TransactionLogError(`${path}:${lineNumber}: empty ${mapping.customer}, ${mapping.timestamp} or ${mapping.amount}`);
      }
      const amount = Number(amountText);
      if (!Number.isFinite(amount)) throw new TransactionLogError(`${path}:${lineNumber}: ${mapping.amount} "${amountText}" is not a number`);
      let day: number;
      try {
        day = dayOf(timestamp);
      } catch (error) {
        throw new TransactionLogError(`${path}:${lineNumber}: ${(error as Error).message}`);
      }
      let log = byCustomer.get(customerId);
      if (!log) byCustomer.set(customerId, (log = { days: [], amounts: [] }));
      log.days.push(day);
      log.amounts.push(amount);
      rowCount++;
      if (amount < 0) negativeRowCount++;
      if (day < firstDay) firstDay = day;
      if (day > lastDay) lastDay = day;
    }
  } finally {
    lines.close();
    source.destroy();
  }
  if (columns === null) throw new TransactionLogError(`${path}: the file is empty; expected a header line`);
  if (rowCount === 0) throw new TransactionLogError(`${path}: no data rows after the header`);

  const customers: CustomerLog[] = [];
  for (const [customerId, log] of byCustomer) customers.push(sortedByDay(customerId, log.days, log.amounts));
  return { path, customers, rowCount, negativeRowCount, firstDay, lastDay, sha256: hash.digest('hex') };
}

function locateColumns(path: string, header: string[], mapping: ColumnMapping): { customer: number; timestamp: number; amount: number } {
  const names = header.map((name) => name.trim());
  const find = (name: string): number => names.indexOf(name);
  const located = { customer: find(mapping.customer), timestamp: find(mapping.timestamp), amount: find(mapping.amount) };
  const missing = (Object.keys(located) as Array<keyof typeof located>).filter((key) => located[key] < 0).map((key) => mapping[key]);
  if (missing.length > 0) {
    throw new TransactionLogError(`${path}: missing column(s) ${missing.map((name) => `"${name}"`).join(', ')}; ` +
      `the header has ${names.map((name) => `"${name}"`).join(', ')}. Map other layouts with --customer-column, --timestamp-column, --amount-column`);
  }
  return located;
}

/** RFC 4180 fields of one line: commas split, double quotes group, "" is a literal quote. */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let field = '';
  let isQuoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (isQuoted) {
      if (char === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (char === '"') isQuoted = false;
      else field += char;
    } else if (char === '"') isQuoted = true;
    else if (char === ',') { fields.push(field); field = ''; }
    else field += char;
  }
  fields.push(field);
  return fields;
}

function sortedByDay(customerId: string, days: number[], amounts: number[]): CustomerLog {
  let isSorted = true;
  for (let i = 1; i < days.length && isSorted; i++) isSorted = days[i - 1] <= days[i];
  if (isSorted) return { customerId, days: Int32Array.from(days), amounts: Float64Array.from(amounts) };
  const order = days.map((_, index) => index).sort((a, b) => days[a] - days[b] || a - b);
  return { customerId, days: Int32Array.from(order, (i) => days[i]), amounts: Float64Array.from(order, (i) => amounts[i]) };
}
