export * from './subject-keys-ddl';
export * from './pg-subject-key-store';
export * from './shared-subject-keys.providers';
