import type { InjectionToken, Provider } from '@nestjs/common';
import { Clock, SubjectCipher, SystemClock } from '@vigie/kernel';
import { DataSource } from 'typeorm';
import { pgSubjectCipher, SubjectKeySettings } from './pg-subject-cipher.factory';
import { ensureSharedSubjectKeys } from './pg-subject-key-store';

/** The qualified name of the shared candidates' key table (for an erasure's own transaction). */
export const SHARED_SUBJECT_KEYS_TABLE = Symbol('SHARED_SUBJECT_KEYS_TABLE');

export interface SharedSubjectKeySettings extends SubjectKeySettings {
  SUBJECT_KEYS_SCHEMA: string;
}

/**
 * `SubjectCipher` on the candidates' keys shared by alert-matcher (seals the match topics),
 * cv-intake (seals the CV e-mail topics) — both destroy a key on erasure — and alert-delivery
 * (opens), in a schema of their own so that none reads another's tables: the one place they all
 * reach. Erasures leave tombstones there, so no service re-makes an erased candidate's key. A KMS
 * or Vault adapter would replace the Postgres store behind the same port. `token`: where the
 * cipher is provided (a service with a key table of its own provides this one under another).
 */
export function sharedSubjectKeyProviders(
  config: SharedSubjectKeySettings,
  token: InjectionToken = SubjectCipher,
): Provider[] {
  return [
    {
      provide: SHARED_SUBJECT_KEYS_TABLE,
      useFactory: (dataSource: DataSource) => ensureSharedSubjectKeys(dataSource, config.SUBJECT_KEYS_SCHEMA),
      inject: [DataSource],
    },
    {
      provide: token,
      useFactory: (dataSource: DataSource, table: string, clock?: Clock) =>
        pgSubjectCipher(dataSource, table, config, clock ?? new SystemClock(), { tombstones: true }),
      inject: [DataSource, SHARED_SUBJECT_KEYS_TABLE, { token: Clock, optional: true }],
    },
  ];
}
