import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatDay } from '../domain/calendar-day';
import { readTransactionLog, splitCsvLine } from './read-transaction-log';

const directory = mkdtempSync(join(tmpdir(), 'churn-log-'));
const write = (name: string, content: string | Buffer): string => {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
};

describe('readTransactionLog', () => {
  it('groups rows by customer, sorted by day, keeping ids as strings', async () => {
    const path = write('log.csv.gz', gzipSync('customer_id,timestamp,amount,order_id\n007,2011-01-02T10:00:00,5,a\n007,2011-01-01,-2,b\n12,2011-01-03T23:30:00-02:00,1.5,c\n'));
    const log = await readTransactionLog(path);
    expect(log.customers.map((c) => c.customerId)).toEqual(['007', '12']);
    expect(Array.from(log.customers[0].days).map(formatDay)).toEqual(['2011-01-01', '2011-01-02']);
    expect(Array.from(log.customers[0].amounts)).toEqual([-2, 5]);
    expect(formatDay(log.lastDay)).toBe('2011-01-04');
    expect(log).toMatchObject({ rowCount: 3, negativeRowCount: 1 });
    expect(log.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('maps other layouts by column name', async () => {
    const path = write('other.csv', 'When,Who,Total\n2011-01-02,"A, Ltd",3\n');
    const log = await readTransactionLog(path, { customer: 'Who', timestamp: 'When', amount: 'Total' });
    expect(log.customers[0].customerId).toBe('A, Ltd');
  });

  it('names the file and the missing column', async () => {
    const path = write('bad.csv', 'customer,timestamp,amount\n1,2011-01-01,2\n');
    await expect(readTransactionLog(path)).rejects.toThrow(`${path}: missing column(s) "customer_id"`);
  });

  it('names the line of a bad value', async () => {
    const path = write('bad-amount.csv', 'customer_id,timestamp,amount\n1,2011-01-01,2\n1,2011-01-01,two\n');
    await expect(readTransactionLog(path)).rejects.toThrow(`${path}:3: amount "two" is not a number`);
  });
});

describe('splitCsvLine', () => {
  it('handles quotes and escaped quotes', () => {
    expect(splitCsvLine('a,"b,c","d ""e"""')).toEqual(['a', 'b,c', 'd "e"']);
  });
});
