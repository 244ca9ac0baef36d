import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { ensureTopics } from '@syncengage/kafka';
import { runBareRelay } from './bare-kafka-relay';
import { summarizeLatencies, type LatencySummary } from './latency-stats';
import { runPipeline } from './pipeline-run';

interface Row {
  name: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  latency: LatencySummary;
}

async function main(): Promise<void> {
  const options = new Command('bench-pipeline')
    .description('Webhook → campaign-result over a real broker, against a bare kafkajs relay through four topics in the same run')
    .option('--events <n>', 'customer events to push', (value) => Number.parseInt(value, 10), 500)
    .option('--concurrency <n>', 'webhooks in flight at once', (value) => Number.parseInt(value, 10), 16)
    .option('--out <file>', 'write the figures as JSON', resolve(__dirname, '../../results/pipeline.json'))
    .parse()
    .opts<{ events: number; concurrency: number; out: string }>();
  const brokers = (process.env.SYNCENGAGE_TEST_KAFKA_BROKERS ?? process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) throw new Error('no broker: run through `npm run bench:pipeline` (starts one) or set KAFKA_BROKERS');
  const runId = `bench${Date.now().toString(36)}`;
  await ensureTopics(brokers, 3);

  process.stdout.write(`bare kafkajs relay, ${options.events} events...\n`);
  const relay = await runBareRelay(brokers, options.events, runId);
  process.stdout.write(`SyncEngage pipeline (4 processes, PostgreSQL), ${options.events} events, ${options.concurrency} in flight...\n`);
  const pipeline = await runPipeline(brokers, options.events, options.concurrency, runId);

  const rows: Row[] = [
    { name: 'bare kafkajs relay (ceiling)', events: relay.events, seconds: relay.seconds, eventsPerSecond: relay.events / relay.seconds, latency: summarizeLatencies(relay.latenciesMs) },
    { name: 'webhook → campaign-result', events: pipeline.events, seconds: pipeline.seconds, eventsPerSecond: pipeline.events / pipeline.seconds, latency: summarizeLatencies(pipeline.latenciesMs) },
  ];
  process.stdout.write(`\n${'run'.padEnd(30)}${'events/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p90 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}\n`);
  for (const row of rows) {
    const l = row.latency;
    process.stdout.write(`${row.name.padEnd(30)}${row.eventsPerSecond.toFixed(0).padStart(10)}${String(l.p50Ms).padStart(9)}${String(l.p90Ms).padStart(9)}${String(l.p99Ms).padStart(9)}${String(l.maxMs).padStart(9)}\n`);
  }
  const ratio = rows[1].eventsPerSecond / rows[0].eventsPerSecond;
  process.stdout.write(`\npipeline throughput = ${(ratio * 100).toFixed(1)} % of the bare relay; p99 latency ${(rows[1].latency.p99Ms / rows[0].latency.p99Ms).toFixed(1)}× the relay's; ${pipeline.rejected} webhook(s) rejected\n`);
  mkdirSync(resolve(options.out, '..'), { recursive: true });
  writeFileSync(options.out, JSON.stringify({ measuredAt: new Date().toISOString(), rows, throughputRatio: ratio }, null, 2));
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
