export * from './config-error';
export * from './env-var';
export * from './env-fragments';
export * from './load-config';
