// The light entry point for unit tests: no Kafka, database or SMTP client is loaded with it.
export * from './factories';
export * from './fake-timers';
export * from './golden';
export * from './shared-data';
export * from './text-corpus';
export * from './repo-root';
export * from './job-ad-corpus';
export * from './real-offers';
export * from './subject-keys';
