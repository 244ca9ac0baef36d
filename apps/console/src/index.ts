export * from './config';
export * from './start-console';
export * from './adapters/postgres/migrations';
export * from './adapters/postgres/postgres-analytics-store';
export * from './adapters/postgres/postgres-funnel-queries';
export * from './domain/analytics-row';
