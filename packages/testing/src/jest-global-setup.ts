import { startKafkaBroker, type RunningKafkaBroker } from './kafka-broker';
import { TEST_KAFKA_BROKERS_ENV } from './test-environment';

/** Where the broker started by this jest run is kept for the teardown, which runs in the same process. */
export const JEST_BROKER_GLOBAL = '__syncengageTestKafkaBroker';

/**
 * jest `globalSetup`: starts a broker for this jest run unless one was given in SYNCENGAGE_TEST_KAFKA_BROKERS
 * (with-test-broker sets it, so `npm test` shares one broker across all workspaces). Jest starts its workers
 * after this, so they inherit the variable.
 */
export default async function startTestBrokerForJest(): Promise<void> {
  if (process.env[TEST_KAFKA_BROKERS_ENV]) return;
  const startedAt = Date.now();
  const broker = await startKafkaBroker();
  process.env[TEST_KAFKA_BROKERS_ENV] = broker.brokers.join(',');
  (globalThis as Record<string, unknown>)[JEST_BROKER_GLOBAL] = broker;
  process.stderr.write(`\nTest Kafka broker on ${broker.brokers.join(',')} (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)\n`);
}

export function takeJestBroker(): RunningKafkaBroker | undefined {
  const store = globalThis as Record<string, unknown>;
  const broker = store[JEST_BROKER_GLOBAL] as RunningKafkaBroker | undefined;
  delete store[JEST_BROKER_GLOBAL];
  return broker;
}
