import type { CandidateCv } from '../erasure/erasure.port';

/** A candidate whose CVs are due for the warning. */
export interface InactiveCandidate {
  candidateId: string;
  lastActiveAt: Date;
  cvCount: number;
}

/** A candidate warned whose CVs are due for erasure. */
export interface ExpiredCandidate {
  candidateId: string;
  warnedAt: Date;
  cvs: CandidateCv[];
}

export interface RetentionStatus {
  lastActiveAt: string | null;
  /** When the CVs will be erased if nothing happens (null without CVs). */
  erasesAt: string | null;
  warnedAt: string | null;
}

/**
 * Port: the retention state of candidates. A candidate's last activity is their latest CV upload
 * or extension; a warning holds for the period of inactivity it was sent in (any later activity
 * voids it).
 */
export abstract class CvRetentionStore {
  /** Candidates last active at or before `lastActiveBefore` and not warned since. */
  abstract dueWarnings(lastActiveBefore: Date, limit: number): Promise<InactiveCandidate[]>;
  /**
   * Records the warning and appends cvs.retention-warning.created.v1, in one transaction; false
   * (nothing written) if the candidate was active meanwhile or is warned already.
   */
  abstract recordWarning(candidate: InactiveCandidate, warnedAt: Date, erasesAt: Date): Promise<boolean>;
  /**
   * Claims the warned candidates whose erasure date has come and who were not active since the
   * warning (a claim is final: a crashed erasure is taken up again), with their CVs of then.
   */
  abstract claimErasures(now: Date, limit: number): Promise<ExpiredCandidate[]>;
  /** Deletes these CVs' rows and the retention state, with the `deleted` events, in one transaction. */
  abstract deleteExpired(candidate: ExpiredCandidate, at: Date): Promise<number>;
  /** The candidate acts: the retention restarts from `at`. */
  abstract extend(candidateId: string, at: Date): Promise<void>;
  abstract status(candidateId: string): Promise<RetentionStatus>;
}
