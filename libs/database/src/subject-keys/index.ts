export * from './subject-keys-ddl';
export * from './pg-subject-key-store';
export * from './pg-subject-cipher.factory';
export * from './shared-subject-keys.providers';
