export * from './config';
export * from './start-ingest';
export * from './ingest.module';
export * from './domain/webhook-signature';
