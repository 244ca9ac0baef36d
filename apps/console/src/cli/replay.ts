import { ConfigError } from '@syncengage/config';
import { migrate, openDatabase } from '@syncengage/db';
import { runMain } from '@syncengage/runtime';
import { CONSOLE_MIGRATIONS } from '../adapters/postgres/migrations';
import { PostgresAnalyticsStore } from '../adapters/postgres/postgres-analytics-store';
import { replayFromKafka } from '../adapters/kafka/replay-from-kafka';
import { loadConsoleConfig } from '../config';

/** `npm run replay -w @syncengage/console`: empties the analytics store and records every topic again from Kafka. */
runMain('console replay', async () => {
  const config = loadConsoleConfig(process.env);
  const { kafkaBrokers, kafkaClientId, kafkaGroupId, databaseUrl } = config.infrastructure;
  if (kafkaBrokers.length === 0 || !databaseUrl) throw new ConfigError('console replay', ['KAFKA_BROKERS and DATABASE_URL are required to replay from Kafka']);
  const db = await openDatabase(databaseUrl);
  try {
    await migrate(db, 'console', CONSOLE_MIGRATIONS);
    const started = Date.now();
    const report = await replayFromKafka(new PostgresAnalyticsStore(db), { brokers: kafkaBrokers, clientId: kafkaClientId, groupPrefix: kafkaGroupId });
    process.stdout.write(`replayed into the analytics store in ${((Date.now() - started) / 1000).toFixed(1)} s with group ${report.group}: ${report.recorded} events recorded, ${report.skipped} undecodable skipped\n`);
  } finally {
    await db.close();
  }
});
