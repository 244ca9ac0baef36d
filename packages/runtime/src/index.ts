export * from './runtime';
export * from './start-service';
export * from './run-main';
