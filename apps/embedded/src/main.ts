import { SingleBar, Presets } from 'cli-progress';
import { runMain } from '@syncengage/runtime';
import { loadEmbeddedConfig } from './config';
import { renderSummary } from './render-summary';
import { startEmbeddedPipeline } from './run-embedded';
import { serveSummary } from './summary-server';

runMain('embedded', async () => {
  const config = loadEmbeddedConfig(process.env);
  const startedAt = Date.now();
  const pipeline = await startEmbeddedPipeline(config, process.env);
  process.stdout.write(
    `SyncEngage embedded: ingest ${pipeline.webhookUrl}, gRPC ChurnScorer ${pipeline.grpcAddress}, outbox ${pipeline.outboxUrl}\n` +
      `Console ${pipeline.consoleUrl} (sign in with ${pipeline.consoleKey}): watch the funnel fill while the replay runs\n` +
      `Replaying ${config.days} days of ${config.customers} simulated customers (seed ${config.seed}) through the webhook...\n`,
  );
  const bar = new SingleBar({ format: '  {bar} {percentage}% | day {value}/{total} | {sent} webhooks | ETA {eta_formatted}', hideCursor: true }, Presets.shades_classic);
  bar.start(config.days, 0, { sent: 0 });
  const report = await pipeline.replay((done, total, sent) => {
    bar.setTotal(total);
    bar.update(done, { sent });
  });
  bar.stop();
  const seconds = (Date.now() - startedAt) / 1000;
  process.stdout.write(`\n${report.webhooks} webhooks (${report.rejected} rejected) in ${seconds.toFixed(1)} s\n\n`);
  process.stdout.write(`${renderSummary(await pipeline.summarize())}\n\n`);
  if (config.exitWhenDone) {
    await pipeline.close();
    return;
  }
  const server = await serveSummary(config.httpPort, () => pipeline.summarize(), pipeline.consoleUrl);
  process.stdout.write(`Summary at ${server.url} (JSON at ${server.url}/summary.json), console at ${pipeline.consoleUrl}; the services keep running. Ctrl-C stops.\n`);
  const stop = async () => {
    await server.close();
    await pipeline.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
});
