export * from './config';
export * from './start-orchestrator';
export { AdvanceJourneys } from './application/advance-journeys';
