import { AesGcmSubjectCipher, CachedSubjectKeyStore, Clock, dataKeyWrapperFromEnv } from '@vigie/kernel';
import { DataSource } from 'typeorm';
import { PgSubjectKeyStore, PgSubjectKeyStoreOptions } from './pg-subject-key-store';

/** The settings every service sealing or opening with a key table reads from its environment. */
export interface SubjectKeySettings {
  SUBJECT_KEYS_MASTER_KEY: string;
  SUBJECT_KEY_CACHE_MS: number;
  SUBJECT_KEY_CACHE_ENTRIES: number;
}

/**
 * The one way a service builds its `SubjectCipher` on a Postgres key table: AES-256-GCM over the
 * cached store over the table, data keys wrapped under `SUBJECT_KEYS_MASTER_KEY` when set.
 * `table` is the qualified key table (cv-intake's `cv_keys`, or the shared candidates' keys).
 */
export function pgSubjectCipher(
  dataSource: DataSource,
  table: string,
  settings: SubjectKeySettings,
  clock: Clock,
  options: PgSubjectKeyStoreOptions = {},
): AesGcmSubjectCipher {
  const wrapper = dataKeyWrapperFromEnv('SUBJECT_KEYS_MASTER_KEY', settings.SUBJECT_KEYS_MASTER_KEY);
  return new AesGcmSubjectCipher(
    new CachedSubjectKeyStore(new PgSubjectKeyStore(dataSource, table, wrapper, options), clock, {
      ttlMs: settings.SUBJECT_KEY_CACHE_MS,
      maxEntries: settings.SUBJECT_KEY_CACHE_ENTRIES,
    }),
  );
}
