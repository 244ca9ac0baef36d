/** Set by with-test-broker and the jest global setup; comma-separated host:port list. */
export const TEST_KAFKA_BROKERS_ENV = 'SYNCENGAGE_TEST_KAFKA_BROKERS';
export const TEST_DATABASE_URL_ENV = 'SYNCENGAGE_TEST_DATABASE_URL';

const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The test broker of this run; throws with the ways to get one when there is none. */
export function testKafkaBrokers(env: NodeJS.ProcessEnv = process.env): string[] {
  const brokers = (env[TEST_KAFKA_BROKERS_ENV] ?? '').split(',').map((broker) => broker.trim()).filter(Boolean);
  if (brokers.length === 0) {
    throw new Error(
      `${TEST_KAFKA_BROKERS_ENV} is not set: use the jest global setup of @syncengage/testing, ` +
        'or run the command through packages/testing/dist/bin/with-test-broker.js',
    );
  }
  return brokers;
}

/** A database the tests may create other databases from (needs CREATEDB). */
export function testDatabaseAdminUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env[TEST_DATABASE_URL_ENV] || DEFAULT_TEST_DATABASE_URL;
}
