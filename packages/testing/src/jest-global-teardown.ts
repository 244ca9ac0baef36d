import { takeJestBroker } from './jest-global-setup';
import { TEST_KAFKA_BROKERS_ENV } from './test-environment';

/** jest `globalTeardown`: stops the broker the global setup started; leaves one given from outside alone. */
export default async function stopTestBrokerForJest(): Promise<void> {
  const broker = takeJestBroker();
  if (!broker) return;
  await broker.stop();
  delete process.env[TEST_KAFKA_BROKERS_ENV];
}
