#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { simulateTransactions } from '../simulate-transactions';
import { toCanonicalCsv } from '../canonical-csv';

const integer = (name: string, min: number) => (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}, got "${value}"`);
  return parsed;
};

const isoDate = (value: string): Date => {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError(`expected a date as YYYY-MM-DD, got "${value}"`);
  }
  return date;
};

const program = new Command()
  .name('simulate')
  .description('Write a seeded, simulated purchase log in the canonical CSV form (customer_id,timestamp,amount,order_id).')
  .option('--customers <n>', 'customers to simulate', integer('--customers', 1), 5000)
  .option('--days <d>', 'length of the log in days', integer('--days', 1), 730)
  .option('--seed <s>', 'seed: same seed, same log', integer('--seed', 0), 1)
  .option('--start <date>', 'first day, YYYY-MM-DD (UTC)', isoDate, isoDate('2023-01-01'))
  .requiredOption('--out <file>', 'CSV file to write')
  .action((options: { customers: number; days: number; seed: number; start: Date; out: string }) => {
    const rows = simulateTransactions({ seed: options.seed, customers: options.customers, startDate: options.start, days: options.days });
    writeFileSync(options.out, toCanonicalCsv(rows));
    const customers = new Set(rows.map((row) => row.customerId)).size;
    const returns = rows.filter((row) => row.amount < 0).length;
    process.stdout.write(`${options.out}: ${rows.length} rows (${returns} returns) of ${customers} customers, ` +
      `${options.days} days from ${options.start.toISOString().slice(0, 10)}, seed ${options.seed}\n`);
  });

program.parse();
