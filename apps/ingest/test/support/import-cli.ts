import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { CustomerUpdated } from '@syncengage/contracts';
import { waitFor, type CollectedMessage } from '@syncengage/testing';
import { watchCustomerUpdates } from './customer-updates';

// The import command as a user runs it (`npm run import -w @syncengage/ingest` = node dist/cli/import.js; build
// first), configured only by environment variables.
const IMPORT = resolve(__dirname, '../../dist/cli/import.js');

export interface ImportRun {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export interface ImportCli {
  provider: string;
  label: string;
  /** The customer-updated messages of this suite's records, in the order they arrived. */
  messages(): CollectedMessage[];
  start(...args: string[]): ImportRun;
  close(): Promise<void>;
}

export interface ImportCliOptions {
  /** SYNCENGAGE_CRM_PROVIDER, and the name the command's summary line starts with. */
  provider: string;
  /** Printed before the resumed import's summary, e.g. "hubspot CLI through Prism". */
  label: string;
  databaseName: string;
  /** The provider's own variables; read at each start, so they may name servers started after this. */
  providerEnv(): Record<string, string>;
  isOfThisRun(key: string): boolean;
}

/** A source fake that can stall the import on a page request, to kill it there. */
export interface Stall {
  hold(): void;
  isHeld(): boolean;
  release(): void;
}

export async function openImportCli(brokers: string[], options: ImportCliOptions): Promise<ImportCli> {
  const { database, updates, close } = await watchCustomerUpdates(brokers, options.databaseName);
  const start = (...args: string[]): ImportRun => {
    const child = spawn(process.execPath, [IMPORT, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        SYNCENGAGE_CRM_PROVIDER: options.provider,
        ...options.providerEnv(),
        KAFKA_BROKERS: brokers.join(','),
        DATABASE_URL: database.url,
        CRM_SYNC_SETTLE_MS: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return { child, output: () => output, exited: new Promise((done) => child.once('exit', (code) => done(code))) };
  };
  return {
    provider: options.provider,
    label: options.label,
    messages: () => updates.messages.filter((message) => message.key !== null && options.isOfThisRun(message.key)),
    start,
    close,
  };
}

const eventsOf = (messages: CollectedMessage[]): CustomerUpdated[] => messages.map((message) => JSON.parse(message.value) as CustomerUpdated);

/**
 * Kills an import once it stalls on a page request, then runs it again: the second run reads only the `total -
 * checkpointed` records not yet checkpointed, and every record ends on Kafka exactly once. Returns their events.
 */
export async function expectKilledImportToResume(cli: ImportCli, stall: Stall, counts: { total: number; checkpointed: number }): Promise<CustomerUpdated[]> {
  stall.hold();
  const killed = cli.start();
  // Asking for the next page means the pages before it are in Kafka and checkpointed (SyncCrm saves before it reads on).
  await waitFor(() => stall.isHeld(), { description: 'the import to ask for the page it stalls on', timeoutMs: 60_000 });
  killed.child.kill('SIGKILL');
  await killed.exited;
  stall.release();
  await waitFor(() => cli.messages().length >= counts.checkpointed, { description: `the ${counts.checkpointed} records of the killed import` });

  const resumed = cli.start();
  expect(await resumed.exited).toBe(0);
  expect(resumed.output()).toMatch(new RegExp(`${cli.provider}: ${counts.total - counts.checkpointed} records in \\d+ pages, [\\d.]+ s \\(\\d+/s\\)`));
  process.stdout.write(`${cli.label}, resumed import: ${new RegExp(`${cli.provider}: .*`).exec(resumed.output())?.[0]}\n`);
  await waitFor(() => cli.messages().length >= counts.total, { description: `all ${counts.total} records on Kafka` });
  const events = eventsOf(cli.messages());
  expect(events).toHaveLength(counts.total);
  expect(new Set(events.map((event) => event.customerId)).size).toBe(counts.total);
  return events;
}

/** Runs `import --changes` after one record changed; it reads `pages` pages for that one record. Returns its event. */
export async function expectOneChangeSynced(cli: ImportCli, pages: number): Promise<CustomerUpdated> {
  const before = cli.messages().length;
  const changes = cli.start('--changes');
  expect(await changes.exited).toBe(0);
  expect(changes.output()).toMatch(new RegExp(`${cli.provider}: 1 records in ${pages} pages`));
  await waitFor(() => cli.messages().length > before, { description: 'the change on Kafka' });
  return JSON.parse(cli.messages()[before].value) as CustomerUpdated;
}
