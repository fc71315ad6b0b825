/** A subject's data key: 32 random bytes, and the id that envelopes sealed under it carry. */
export interface SubjectKey {
  readonly keyId: string;
  readonly key: Buffer;
}

/** Port: where the subjects' keys live (Postgres today; a KMS or Vault adapter later). */
export abstract class SubjectKeyStore {
  /** The subject's key, created on first use; concurrent first uses agree on one key. */
  abstract keyFor(subjectId: string): Promise<SubjectKey>;
  /** The subject's key if it exists; undefined once destroyed (or never created). Never creates one. */
  abstract existingKey(subjectId: string): Promise<SubjectKey | undefined>;
  /** The key with this id and the subject it belongs to; undefined once destroyed. Never creates one. */
  abstract keyById(keyId: string): Promise<(SubjectKey & { subjectId: string }) | undefined>;
  /** Deletes the keys; returns how many existed. */
  abstract destroy(subjectIds: readonly string[]): Promise<number>;
}
