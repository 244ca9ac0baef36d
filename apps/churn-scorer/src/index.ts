export * from './config';
export * from './start-churn-scorer';
