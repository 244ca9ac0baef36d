export * from './config-error';
export * from './env-reader';
export * from './shared-settings';
