import { Command, InvalidArgumentError } from 'commander';
import { migrate, PgSqlClient } from '@syncengage/db';
import { CONSOLE_MIGRATIONS, PostgresAnalyticsStore, PostgresFunnelQueries } from '@syncengage/console';
import { createFreshDatabase } from '@syncengage/testing';
import { textTable } from '../churn/text-table';
import { syntheticEventBatches } from './synthetic-events';

/**
 * npm run bench:console: records N synthetic events (default one million) through the console's store into a fresh
 * PostgreSQL database, then times the funnel API's query against a baseline in the same run: the same funnel
 * folded from the raw events at query time, which is what the per-message rollup saves.
 */
const positiveInteger = (name: string) => (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError(`${name} must be an integer >= 1, got "${value}"`);
  return parsed;
};

const options = new Command('bench-console')
  .option('--events <n>', 'events recorded', positiveInteger('--events'), 1_000_000)
  .option('--batch <n>', 'events per store append', positiveInteger('--batch'), 5_000)
  .option('--repeats <n>', 'timed runs per query (median reported)', positiveInteger('--repeats'), 7)
  .option('--keep', 'keep the database afterwards', false)
  .parse()
  .opts<{ events: number; batch: number; repeats: number; keep: boolean }>();

// The raw-events fold: every result of every message, latest flags per message, at query time.
const BASELINE_FUNNEL = `
  WITH per_message AS (
    SELECT message_id, bool_or(event_type = 'message-requested') AS requested,
           bool_or((payload->>'status') = 'sent') AS sent, bool_or((payload->>'opened')::boolean) AS opened,
           bool_or((payload->>'clicked')::boolean) AS clicked, bool_or((payload->>'converted')::boolean) AS converted,
           max(amount_cents) FILTER (WHERE event_type = 'campaign-result') AS revenue
      FROM console_events WHERE message_id IS NOT NULL GROUP BY message_id)
  SELECT count(*) FILTER (WHERE requested) AS requested, count(*) FILTER (WHERE sent) AS sent, count(*) FILTER (WHERE opened) AS opened,
         count(*) FILTER (WHERE clicked) AS clicked, count(*) FILTER (WHERE converted) AS converted, sum(revenue) FILTER (WHERE converted) AS revenue
    FROM per_message`;

async function median(repeats: number, work: () => Promise<unknown>): Promise<number> {
  await work(); // warm the cache and the plan: the steady state is what an operator sees
  const times: number[] = [];
  for (let run = 0; run < repeats; run += 1) {
    const started = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function main(): Promise<void> {
  const database = await createFreshDatabase('bench_console');
  const db = new PgSqlClient(database.url);
  try {
    await migrate(db, 'console', CONSOLE_MIGRATIONS);
    const store = new PostgresAnalyticsStore(db);
    const start = new Date('2026-01-01T00:00:00Z');
    const insertStarted = Date.now();
    let recorded = 0;
    for (const batch of syntheticEventBatches({ events: options.events, batchSize: options.batch, seed: 42, customers: 50_000, days: 180, start })) {
      recorded += (await store.append(batch)).inserted;
      if (recorded % 100_000 < options.batch) process.stdout.write(`  ${recorded.toLocaleString('en')} events recorded\r`);
    }
    const insertSeconds = (Date.now() - insertStarted) / 1000;
    await db.query('ANALYZE console_events');
    await db.query('ANALYZE console_messages');
    const messages = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM console_messages')).rows[0].n;
    const funnels = new PostgresFunnelQueries(db, { dailyBudgetCents: 50_000, timeZone: 'UTC', attributionDays: 7 });
    const month = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
    const rows = [
      ['funnel, all time', await median(options.repeats, () => funnels.funnel({}))],
      ['funnel, one month', await median(options.repeats, () => funnels.funnel(month))],
      ['funnel, one month, one campaign, by variant', await median(options.repeats, () => funnels.funnel({ ...month, campaignId: 'at-risk-win-back' }, 'variant'))],
      ['funnel, all time, by segment', await median(options.repeats, () => funnels.funnel({}, 'segment'))],
      ['A/B results, all time', await median(options.repeats, () => funnels.abTests({}))],
      ['baseline: funnel folded from raw events, all time', await median(options.repeats, () => db.query(BASELINE_FUNNEL))],
    ] as const;
    const baseline = rows[rows.length - 1][1];
    process.stdout.write(
      `\n${recorded.toLocaleString('en')} events (${messages.toLocaleString('en')} messages) recorded in ${insertSeconds.toFixed(1)} s ` +
        `(${Math.round(recorded / insertSeconds).toLocaleString('en')} events/s, batches of ${options.batch})\n\n`,
    );
    process.stdout.write(
      `${textTable(['query', `median ms of ${options.repeats}`, 'vs baseline'], rows.map(([name, ms]) => [name, ms.toFixed(1), `${(ms / baseline).toFixed(3)}×`]))}\n`,
    );
  } finally {
    await db.close();
    if (!options.keep) await database.drop();
    else process.stdout.write(`kept ${database.url}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
