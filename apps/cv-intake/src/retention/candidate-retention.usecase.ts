import { Clock } from '@vigie/kernel';
import { CvRetentionStore, RetentionStatus } from './cv-retention.port';
import { retentionEnd } from './retention-policy';

/** What a candidate sees of the retention of their CVs, and their way to extend it. */
export class CandidateRetentionUseCase {
  constructor(
    private readonly store: CvRetentionStore,
    private readonly clock: Clock,
  ) {}

  async status(candidateId: string): Promise<RetentionStatus> {
    const status = await this.store.status(candidateId);
    if (status.lastActiveAt === null || status.erasesAt !== null) return status;
    return { ...status, erasesAt: retentionEnd(new Date(status.lastActiveAt)).toISOString() };
  }

  /** Counts as activity: the two years start again now, and a warning already sent is void. */
  async extend(candidateId: string): Promise<RetentionStatus> {
    await this.store.extend(candidateId, this.clock.now());
    return this.status(candidateId);
  }
}
