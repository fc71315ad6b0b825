export * from './data-source';
export * from './database-errors';
export * from './database.module';
export * from './unit-of-work';
export * from './settings-from-env';
export * from './subject-keys';
