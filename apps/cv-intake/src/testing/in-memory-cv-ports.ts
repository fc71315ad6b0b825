import { randomUUID } from 'node:crypto';
import { CvRecord } from '../cvs/cv';
import type { ParsedProfile } from '../parsing/build-profile';
import { CvRepository, NewCv, ProcessingOutcome } from '../cvs/cv.repository';
import { FileStorage } from '../storage/file-storage.port';

/** Fakes of cv-intake's ports for unit tests (the Pg and filesystem adapters have int tests). */
export class InMemoryCvRepository extends CvRepository {
  readonly rows = new Map<string, CvRecord & { attempts: number; claimedUntil: number | null }>();
  readonly texts = new Map<string, string>();
  readonly profiles = new Map<string, ParsedProfile>();

  findProfile(candidateId: string, cvId: string): Promise<ParsedProfile | undefined> {
    return Promise.resolve(
      this.rows.get(cvId)?.candidateId === candidateId ? this.profiles.get(cvId) : undefined,
    );
  }

  create(cv: NewCv): Promise<CvRecord> {
    const record: CvRecord = {
      ...cv,
      id: randomUUID(),
      state: 'received',
      anonymised: true,
      createdAt: new Date().toISOString(),
      processedAt: null,
    };
    this.rows.set(record.id, { ...record, attempts: 0, claimedUntil: null });
    return Promise.resolve(record);
  }

  listForCandidate(candidateId: string): Promise<CvRecord[]> {
    return Promise.resolve([...this.rows.values()].filter((r) => r.candidateId === candidateId));
  }

  findForCandidate(candidateId: string, cvId: string): Promise<CvRecord | undefined> {
    const row = this.rows.get(cvId);
    return Promise.resolve(row?.candidateId === candidateId ? row : undefined);
  }

  claimReceived(limit: number, now: Date, leaseUntil: Date, maxAttempts: number): Promise<CvRecord[]> {
    const claimed: CvRecord[] = [];
    for (const row of this.rows.values()) {
      if (row.state !== 'received' || (row.claimedUntil !== null && row.claimedUntil >= now.getTime()))
        continue;
      if (row.attempts >= maxAttempts) {
        row.state = 'failed';
        continue;
      }
      if (claimed.length >= limit) break;
      row.attempts += 1;
      row.claimedUntil = leaseUntil.getTime();
      claimed.push({ ...row });
    }
    return Promise.resolve(claimed);
  }

  recordOutcome(cvId: string, outcome: ProcessingOutcome, at: Date): Promise<void> {
    const row = this.rows.get(cvId);
    if (row)
      Object.assign(row, {
        state: outcome.state,
        flags: outcome.flags,
        processedAt: at.toISOString(),
        claimedUntil: null,
      });
    if (outcome.text !== undefined) this.texts.set(cvId, outcome.text);
    if (outcome.parsed) this.profiles.set(cvId, outcome.parsed);
    return Promise.resolve();
  }
}

export class InMemoryFileStorage extends FileStorage {
  readonly files = new Map<string, Buffer>();

  put(bytes: Buffer): Promise<string> {
    const key = randomUUID();
    this.files.set(key, Buffer.from(bytes));
    return Promise.resolve(key);
  }

  get(key: string): Promise<Buffer> {
    const file = this.files.get(key);
    return file ? Promise.resolve(file) : Promise.reject(new Error('no such key'));
  }

  delete(key: string): Promise<void> {
    this.files.delete(key);
    return Promise.resolve();
  }
}
