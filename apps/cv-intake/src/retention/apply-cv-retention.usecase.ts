import { Clock } from '@vigie/kernel';
import { TransientError } from '@vigie/messaging';
import { CvIndex } from '../indexing/cv-index.port';
import { FileStorage } from '../storage/file-storage.port';
import { CvRetentionStore, ExpiredCandidate } from './cv-retention.port';
import { erasesAt, warnIfLastActiveBefore } from './retention-policy';

export interface RetentionRound {
  warned: number;
  erased: number;
}

/**
 * One round of the retention: warns the candidates inactive for two years less a month
 * (cvs.retention-warning.created.v1), then erases the CVs of those warned whose date has come —
 * index documents and stored originals first, then the rows with their `deleted` events, as an
 * erasure on request does. Every step is idempotent, and a claimed erasure is finished by the next
 * round if this one fails halfway. Time comes from the Clock only.
 */
export class ApplyCvRetentionUseCase {
  constructor(
    private readonly store: CvRetentionStore,
    private readonly index: CvIndex,
    private readonly storage: FileStorage,
    private readonly clock: Clock,
    private readonly batchSize = 200,
  ) {}

  async execute(): Promise<RetentionRound> {
    const round: RetentionRound = { warned: 0, erased: 0 };
    for (;;) {
      const now = this.clock.now();
      const due = await this.store.dueWarnings(warnIfLastActiveBefore(now), this.batchSize);
      for (const candidate of due) {
        if (await this.store.recordWarning(candidate, now, erasesAt(candidate.lastActiveAt, now)))
          round.warned += 1;
      }
      if (due.length < this.batchSize) break;
    }
    for (;;) {
      const expired = await this.store.claimErasures(this.clock.now(), this.batchSize);
      for (const candidate of expired) round.erased += await this.erase(candidate);
      if (expired.length < this.batchSize) break;
    }
    return round;
  }

  private async erase(candidate: ExpiredCandidate): Promise<number> {
    const outcomes = await this.index.write(
      candidate.cvs.map((cv) => ({ kind: 'erase' as const, cvId: cv.cvId })),
    );
    const failed = outcomes.filter((o) => o.status === 'retry' || o.status === 'rejected');
    if (failed.length > 0) throw new TransientError(`cvs index refused ${failed.length} erasure(s)`);
    for (const cv of candidate.cvs) if (cv.storageKey) await this.storage.delete(cv.storageKey);
    return this.store.deleteExpired(candidate, this.clock.now());
  }
}
