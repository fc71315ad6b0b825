import type { ErasureRequestedV1 } from '@vigie/contracts';
import { Clock, SubjectCipher } from '@vigie/kernel';
import { TransientError } from '@vigie/messaging';
import { CvIndex } from '../indexing/cv-index.port';
import { FileStorage } from '../storage/file-storage.port';
import { CandidateCvStore } from './erasure.port';

/**
 * cv-intake's part of an erasure: the CVs' index documents, the stored originals, then the rows
 * (and the `deleted` announcements and the confirmation, in one transaction). Each step is
 * idempotent, so a crash anywhere is repaired by the redelivery of the request; a replay of a done
 * erasure finds nothing left and confirms again (the receipt keeps the first confirmation).
 */
export class EraseCandidateUseCase {
  constructor(
    private readonly cvs: CandidateCvStore,
    private readonly index: CvIndex,
    private readonly storage: FileStorage,
    private readonly cvKeys: SubjectCipher,
    private readonly clock: Clock,
  ) {}

  async execute(request: ErasureRequestedV1): Promise<void> {
    const cvs = await this.cvs.cvsOf(request.candidateId);
    // At once, for the receipt; the `deleted` announcements written with the row deletion come after
    // any profile event of the CV on its partition, so a late one cannot leave a document behind.
    const outcomes = await this.index.write(cvs.map((cv) => ({ kind: 'erase' as const, cvId: cv.cvId })));
    const failed = outcomes.filter((o) => o.status === 'retry' || o.status === 'rejected');
    if (failed.length > 0) throw new TransientError(`cvs index refused ${failed.length} erasure(s)`);
    let files = 0;
    for (const cv of cvs) {
      if (!cv.storageKey) continue;
      await this.storage.delete(cv.storageKey);
      files += 1;
    }
    await this.cvs.deleteAndConfirm(
      request.candidateId,
      cvs,
      request.erasureId,
      { cvs: cvs.length, files, indexDocuments: cvs.filter((cv) => cv.profileVersion !== null).length },
      this.clock.now(),
    );
    // The CVs' keys (sealing who viewed them on cvs.cv.viewed.v1) went with their rows, in that
    // transaction (ON DELETE CASCADE); this evicts them from this process's key cache too.
    await this.cvKeys.destroy(cvs.map((cv) => cv.cvId));
  }
}
