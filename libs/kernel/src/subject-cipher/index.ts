export * from './subject-cipher.port';
export * from './subject-key-store.port';
export * from './aes-gcm-subject-cipher';
export * from './cached-subject-key-store';
export * from './data-key-wrapper';
export * from './open-each';
export * from './open-sealed-fields';
