export * from './correlation';
export * from './health';
export * from './http-metrics';
export * from './logger';
export * from './metrics';
export * from './redaction';
export * from './fault-injection';
