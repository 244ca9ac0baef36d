import { EnvReader } from '@syncengage/config';

export interface EmbeddedConfig {
  customers: number;
  /** Days of purchase history replayed, ending today. */
  days: number;
  seed: number;
  /** The summary page; 0 picks a free port. */
  httpPort: number;
  /** Exit after the replay instead of serving the summary until Ctrl-C (tests, CI). */
  exitWhenDone: boolean;
  /** Simulated recipients: share of emails opened (0 = none) and of those clicked. */
  openRate?: number;
  clickRate?: number;
}

export function loadEmbeddedConfig(env: NodeJS.ProcessEnv): EmbeddedConfig {
  const read = new EnvReader(env);
  const config: EmbeddedConfig = {
    customers: read.int('DEMO_CUSTOMERS', { default: 150, min: 1, max: 100_000 }),
    days: read.int('DEMO_DAYS', { default: 365, min: 30, max: 3_650 }),
    seed: read.int('DEMO_SEED', { default: 42 }),
    httpPort: read.int('DEMO_HTTP_PORT', { default: 3100, min: 0, max: 65535 }),
    exitWhenDone: read.bool('DEMO_EXIT_WHEN_DONE', { default: false }),
    openRate: read.number('DEMO_OPEN_RATE', { default: 0.45, min: 0, max: 1 }),
    clickRate: read.number('DEMO_CLICK_RATE', { default: 0.4, min: 0, max: 1 }),
  };
  read.throwIfInvalid('embedded');
  return Object.freeze(config);
}

/**
 * The embedded mode is the one without Kafka and a database server, whatever the shell exports; each
 * service's own defaults otherwise apply (ports, budget, thresholds).
 */
export function embeddedServiceEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { KAFKA_BROKERS: _brokers, DATABASE_URL: _database, ...rest } = env;
  // The replay drives the rescoring sweep by the simulated calendar, not the wall clock.
  return { LOG_LEVEL: 'warn', ...rest, CHURN_RESCORE_INTERVAL_MS: '0' };
}
