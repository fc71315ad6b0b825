import { SubjectKey, SubjectKeyStore } from '@vigie/kernel';
import { randomBytes, randomUUID } from 'node:crypto';

/** A typed fake of the subjects' key store for unit tests: a map, with a count of store reads. */
export class InMemorySubjectKeyStore extends SubjectKeyStore {
  readonly keys = new Map<string, SubjectKey>();
  reads = 0;

  keyFor(subjectId: string): Promise<SubjectKey> {
    this.reads++;
    let key = this.keys.get(subjectId);
    if (!key) {
      key = { keyId: randomUUID(), key: randomBytes(32) };
      this.keys.set(subjectId, key);
    }
    return Promise.resolve(key);
  }

  existingKey(subjectId: string): Promise<SubjectKey | undefined> {
    this.reads++;
    return Promise.resolve(this.keys.get(subjectId));
  }

  keyById(keyId: string): Promise<(SubjectKey & { subjectId: string }) | undefined> {
    this.reads++;
    const found = [...this.keys].find(([, k]) => k.keyId === keyId);
    return Promise.resolve(found && { ...found[1], subjectId: found[0] });
  }

  destroy(subjectIds: readonly string[]): Promise<number> {
    return Promise.resolve(subjectIds.filter((id) => this.keys.delete(id)).length);
  }
}
