import { AesGcmSubjectCipher, FakeClock, isSubjectErased } from '@vigie/kernel';
import { InMemorySubjectKeyStore } from '@vigie/testing/unit';
import { TransientError } from '@vigie/messaging';
import { CvIndex, CvIndexOperation, CvIndexOutcome } from '../indexing/cv-index.port';
import { InMemoryFileStorage } from '../testing/in-memory-cv-ports';
import { EraseCandidateUseCase } from './erase-candidate.usecase';
import { CandidateCv, CandidateCvStore } from './erasure.port';

class FakeCandidateCvStore extends CandidateCvStore {
  readonly confirmed: Array<{ erasureId: string; erased: Record<string, number> }> = [];
  constructor(private cvs: CandidateCv[]) {
    super();
  }
  cvsOf(): Promise<CandidateCv[]> {
    return Promise.resolve([...this.cvs]);
  }
  deleteAndConfirm(
    _: string,
    cvs: readonly CandidateCv[],
    erasureId: string,
    erased: Record<string, number>,
  ) {
    this.cvs = [];
    this.confirmed.push({ erasureId, erased });
    return Promise.resolve(cvs.length);
  }
}

class FakeCvIndex extends CvIndex {
  readonly writes: CvIndexOperation[][] = [];
  outcome: CvIndexOutcome = { status: 'applied' };
  ensureIndex(): Promise<void> {
    return Promise.resolve();
  }
  write(operations: readonly CvIndexOperation[]): Promise<CvIndexOutcome[]> {
    this.writes.push([...operations]);
    return Promise.resolve(operations.map(() => this.outcome));
  }
}

const ERASURE = {
  erasureId: '7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  candidateId: 'cand-1',
  requestedAt: '2026-12-01T17:00:00.000Z',
  services: ['cv-intake'],
};

async function newTestService() {
  const storage = new InMemoryFileStorage();
  const keys = [await storage.put(Buffer.from('cv one')), await storage.put(Buffer.from('cv two'))];
  const cvs = new FakeCandidateCvStore([
    { cvId: 'a', storageKey: keys[0]!, profileVersion: 2 },
    { cvId: 'b', storageKey: keys[1]!, profileVersion: null },
  ]);
  const index = new FakeCvIndex();
  const cipher = new AesGcmSubjectCipher(new InMemorySubjectKeyStore());
  const sut = new EraseCandidateUseCase(cvs, index, storage, cipher, new FakeClock());
  return { sut, cvs, index, storage, keys, cipher };
}

describe('EraseCandidateUseCase', () => {
  it('erases the index documents and stored files, then the rows with the confirmation', async () => {
    const { sut, cvs, index, storage, keys } = await newTestService();

    await sut.execute(ERASURE);

    expect(index.writes).toEqual([
      [
        { kind: 'erase', cvId: 'a' },
        { kind: 'erase', cvId: 'b' },
      ],
    ]);
    for (const key of keys) await expect(storage.get(key)).rejects.toThrow();
    expect(cvs.confirmed).toEqual([
      { erasureId: ERASURE.erasureId, erased: { cvs: 2, files: 2, indexDocuments: 1 } },
    ]);
  });

  it('destroys the CVs’ keys: a view sealed before the erasure can no longer be opened', async () => {
    const { sut, cipher } = await newTestService();
    const sealed = await cipher.encrypt('a', '{"company":"Atelier Loire"}');

    await sut.execute(ERASURE);

    expect(isSubjectErased(await cipher.decrypt('a', sealed).catch((e: unknown) => e))).toBe(true);
  });

  it('confirms a replayed erasure again with nothing left to erase', async () => {
    const { sut, cvs } = await newTestService();

    await sut.execute(ERASURE);
    await sut.execute(ERASURE);

    expect(cvs.confirmed[1]).toEqual({
      erasureId: ERASURE.erasureId,
      erased: { cvs: 0, files: 0, indexDocuments: 0 },
    });
  });

  it('deletes no row and confirms nothing while the index refuses the erasure (retried)', async () => {
    const { sut, cvs, index } = await newTestService();
    index.outcome = { status: 'retry', reason: '503' };

    await expect(sut.execute(ERASURE)).rejects.toBeInstanceOf(TransientError);
    expect(cvs.confirmed).toEqual([]);
  });
});
