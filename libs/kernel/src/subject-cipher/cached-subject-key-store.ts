import { Clock } from '../clock';
import { SubjectKey, SubjectKeyStore } from './subject-key-store.port';

export interface SubjectKeyCacheOptions {
  /** Entries at most; the least recently used goes first. */
  maxEntries: number;
  /**
   * How long a key is trusted without asking the store. Bounds how long another process (another
   * replica, or the service that destroyed the key) may still open a record after an erasure.
   */
  ttlMs: number;
}

/**
 * Decorator: keeps recently used keys in memory (a view or a match costs no round trip per record),
 * bounded in size and in age; a destroy through it evicts at once. Absent keys are not cached, so
 * an erased subject is asked about each time (rare by nature).
 */
export class CachedSubjectKeyStore extends SubjectKeyStore {
  private readonly entries = new Map<string, { key: SubjectKey; until: number }>();
  /** Key id → subject, for `keyById`; pruned with the entries it points to. */
  private readonly subjectOfKey = new Map<string, string>();

  constructor(
    private readonly inner: SubjectKeyStore,
    private readonly clock: Clock,
    private readonly options: SubjectKeyCacheOptions,
  ) {
    super();
  }

  async keyFor(subjectId: string): Promise<SubjectKey> {
    return this.cached(subjectId) ?? this.remember(subjectId, await this.inner.keyFor(subjectId));
  }

  async existingKey(subjectId: string): Promise<SubjectKey | undefined> {
    const hit = this.cached(subjectId);
    if (hit) return hit;
    const key = await this.inner.existingKey(subjectId);
    return key && this.remember(subjectId, key);
  }

  async keyById(keyId: string): Promise<(SubjectKey & { subjectId: string }) | undefined> {
    const subjectId = this.subjectOfKey.get(keyId);
    const hit = subjectId === undefined ? undefined : this.cached(subjectId);
    if (hit && hit.keyId === keyId) return { ...hit, subjectId: subjectId! };
    const found = await this.inner.keyById(keyId);
    if (found) this.remember(found.subjectId, { keyId: found.keyId, key: found.key });
    return found;
  }

  async destroy(subjectIds: readonly string[]): Promise<number> {
    this.forget(subjectIds);
    return this.inner.destroy(subjectIds);
  }

  /** Evicts keys destroyed elsewhere in this process (e.g. inside an erasure's own transaction). */
  forget(subjectIds: readonly string[]): void {
    for (const id of subjectIds) this.drop(id);
  }

  get size(): number {
    return this.entries.size;
  }

  private cached(subjectId: string): SubjectKey | undefined {
    const entry = this.entries.get(subjectId);
    if (!entry) return undefined;
    this.entries.delete(subjectId);
    if (entry.until <= this.clock.nowMs()) {
      this.subjectOfKey.delete(entry.key.keyId);
      return undefined;
    }
    this.entries.set(subjectId, entry); // most recently used last
    return entry.key;
  }

  private remember(subjectId: string, key: SubjectKey): SubjectKey {
    if (this.options.maxEntries <= 0 || this.options.ttlMs <= 0) return key;
    this.drop(subjectId);
    this.entries.set(subjectId, { key, until: this.clock.nowMs() + this.options.ttlMs });
    this.subjectOfKey.set(key.keyId, subjectId);
    while (this.entries.size > this.options.maxEntries) this.drop(this.entries.keys().next().value!);
    return key;
  }

  private drop(subjectId: string): void {
    const entry = this.entries.get(subjectId);
    if (!entry) return;
    this.entries.delete(subjectId);
    this.subjectOfKey.delete(entry.key.keyId);
  }
}
