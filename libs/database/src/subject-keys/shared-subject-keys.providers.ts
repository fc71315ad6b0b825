import type { Provider } from '@nestjs/common';
import {
  AesGcmSubjectCipher,
  CachedSubjectKeyStore,
  Clock,
  dataKeyWrapperFromEnv,
  SubjectCipher,
  SystemClock,
} from '@vigie/kernel';
import { DataSource } from 'typeorm';
import { ensureSharedSubjectKeys, PgSubjectKeyStore } from './pg-subject-key-store';

/** The qualified name of the shared candidates' key table (for an erasure's own transaction). */
export const SHARED_SUBJECT_KEYS_TABLE = Symbol('SHARED_SUBJECT_KEYS_TABLE');

export interface SharedSubjectKeySettings {
  SUBJECT_KEYS_SCHEMA: string;
  SUBJECT_KEYS_MASTER_KEY: string;
  SUBJECT_KEY_CACHE_MS: number;
  SUBJECT_KEY_CACHE_ENTRIES: number;
}

/**
 * `SubjectCipher` on the candidates' keys shared by alert-matcher (seals the match topics,
 * destroys a key on erasure) and alert-delivery (opens), in a schema of their own so that neither
 * reads the other's tables: the one place both reach. A KMS or Vault adapter would replace the
 * Postgres store behind the same port.
 */
export function sharedSubjectKeyProviders(config: SharedSubjectKeySettings): Provider[] {
  return [
    {
      provide: SHARED_SUBJECT_KEYS_TABLE,
      useFactory: (dataSource: DataSource) => ensureSharedSubjectKeys(dataSource, config.SUBJECT_KEYS_SCHEMA),
      inject: [DataSource],
    },
    {
      provide: SubjectCipher,
      useFactory: (dataSource: DataSource, table: string, clock?: Clock) =>
        new AesGcmSubjectCipher(
          new CachedSubjectKeyStore(
            new PgSubjectKeyStore(
              dataSource,
              table,
              dataKeyWrapperFromEnv('SUBJECT_KEYS_MASTER_KEY', config.SUBJECT_KEYS_MASTER_KEY),
            ),
            clock ?? new SystemClock(),
            { ttlMs: config.SUBJECT_KEY_CACHE_MS, maxEntries: config.SUBJECT_KEY_CACHE_ENTRIES },
          ),
        ),
      inject: [DataSource, SHARED_SUBJECT_KEYS_TABLE, { token: Clock, optional: true }],
    },
  ];
}
