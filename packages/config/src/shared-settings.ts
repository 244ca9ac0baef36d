import type { EnvReader } from './env-reader';

/** Settings every service reads the same way: where Kafka and PostgreSQL are, or that there are none. */
export interface InfrastructureSettings {
  /** Empty → the in-process bus (embedded mode). */
  kafkaBrokers: string[];
  kafkaClientId: string;
  /** Consumer group of this service; instances of one service share it to split the partitions. */
  kafkaGroupId: string;
  /** Unset → embedded PostgreSQL (PGlite) in memory. */
  databaseUrl?: string;
  /** How often a failing handler is tried before its message goes to the dead-letter topic. */
  maxAttempts: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
}

export function readInfrastructure(read: EnvReader, service: string): InfrastructureSettings {
  return {
    kafkaBrokers: read.list('KAFKA_BROKERS', { default: [] }),
    kafkaClientId: read.string('KAFKA_CLIENT_ID', { default: `syncengage-${service}` }),
    kafkaGroupId: read.string('KAFKA_GROUP_ID', { default: `syncengage-${service}` }),
    databaseUrl: read.url('DATABASE_URL', { protocols: ['postgres', 'postgresql'] }),
    maxAttempts: read.int('CONSUMER_MAX_ATTEMPTS', { default: 5, min: 1, max: 100 }),
    logLevel: read.oneOf('LOG_LEVEL', ['error', 'warn', 'log', 'debug'] as const, { default: 'log' }),
  };
}
