export * from './config';
export * from './start-orchestrator';
