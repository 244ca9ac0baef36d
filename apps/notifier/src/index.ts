export * from './config';
export * from './start-notifier';
