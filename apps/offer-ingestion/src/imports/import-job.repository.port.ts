import type { Transaction } from '@vigie/database';
import type { FeedFormat } from './formats/feed-format';
import type {
  ImportCounters,
  ImportHold,
  ImportJob,
  ImportMode,
  ImportReportRow,
  ImportSource,
} from './import-job';

export interface NewImportJob {
  recruiterId: string;
  format: FeedFormat;
  mode: ImportMode;
  source: ImportSource;
  expectedCount: number | null;
  createdAt: Date;
}

/** A job this worker holds until `leaseUntil`; every write checks the token. */
export interface ClaimedImport {
  job: ImportJob;
  leaseToken: string;
}

/** What one committed batch adds to a job, written in the batch's own transaction. */
export interface BatchProgress {
  checkpoint: number;
  bytesRead: number;
  counters: ImportCounters;
  rows: ReadonlyArray<ImportReportRow & { seq: number }>;
  now: Date;
  leaseUntil: Date;
}

export type ConfirmOutcome = 'confirmed' | 'not-held' | 'not-found';

export interface ReportPage {
  rows: Array<ImportReportRow & { seq: number }>;
  /** Seq to pass as `after` for the next page; null at the end. */
  next: number | null;
}

/** Port: import jobs, their leases and their per-item report. */
export abstract class ImportJobRepository {
  abstract create(job: NewImportJob): Promise<ImportJob>;
  abstract markQueued(id: string, bytesTotal: number, at: Date): Promise<void>;
  /** Fails a job that is not finished; with a claim, only while this worker holds it. */
  abstract markFailed(
    id: string,
    error: { code: string; message: string },
    at: Date,
    claim?: ClaimedImport,
  ): Promise<void>;
  abstract find(recruiterId: string, id: string): Promise<ImportJob | null>;
  /** Queued jobs, and running ones whose worker's lease ran out, under FOR UPDATE SKIP LOCKED. */
  abstract claim(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedImport[]>;
  /** False when the lease was lost: the caller must roll the transaction back. */
  abstract commitBatch(tx: Transaction, claim: ClaimedImport, progress: BatchProgress): Promise<boolean>;
  abstract markParsed(
    claim: ClaimedImport,
    at: Date,
    progress: { bytesRead: number; expectedCount: number | null },
  ): Promise<boolean>;
  abstract hold(claim: ClaimedImport, hold: ImportHold, at: Date): Promise<boolean>;
  abstract complete(claim: ClaimedImport, at: Date): Promise<boolean>;
  /** Lets another run take the job again at once (after a transient fault). */
  abstract release(claim: ClaimedImport): Promise<void>;
  abstract confirmExpiry(recruiterId: string, id: string, at: Date): Promise<ConfirmOutcome>;
  abstract report(jobId: string, after: number, limit: number): Promise<ReportPage>;
}
