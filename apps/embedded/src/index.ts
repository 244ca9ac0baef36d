export * from './config';
export * from './run-embedded';
export * from './pipeline-summary';
