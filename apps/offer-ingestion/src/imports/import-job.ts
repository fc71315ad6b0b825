import type { Finding } from '../quality/screening/finding';
import type { FeedFormat } from './formats/feed-format';

export type ImportMode = 'snapshot' | 'delta';

/**
 * receiving → queued → running → completed, or → held (snapshot truncation guard) → running after
 * confirm-expiry → completed; failed from any state before completed (upload refused, feed fault).
 */
export const IMPORT_STATUSES = ['receiving', 'queued', 'running', 'held', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export type ImportOutcome = 'added' | 'updated' | 'unchanged' | 'expired' | 'rejected';

export type ImportSource = { kind: 'upload' } | { kind: 'feed'; feedId: string; url: string };

export interface ImportCounters {
  itemsRead: number;
  added: number;
  updated: number;
  unchanged: number;
  expired: number;
  rejected: number;
}

/** Why snapshot expiry waits for the recruiter's confirmation. */
export interface ImportHold {
  reason: 'EXPIRY_SHARE_EXCEEDED' | 'EXPECTED_COUNT_MISMATCH';
  /** Live offers absent from the feed, which confirming would expire. */
  wouldExpire: number;
  liveOffers: number;
  maxShare: number;
  expectedCount: number | null;
  itemsRead: number;
}

export interface ImportJob {
  id: string;
  recruiterId: string;
  format: FeedFormat;
  mode: ImportMode;
  status: ImportStatus;
  source: ImportSource;
  expectedCount: number | null;
  bytesTotal: number | null;
  bytesRead: number;
  counters: ImportCounters;
  /** Feed position of the last item whose batch is committed. */
  checkpoint: number;
  /** Times a worker claimed the job: a job that keeps killing its worker is failed, not retried forever. */
  attempts: number;
  /** Every item was read and committed: what remains is the snapshot expiry step. */
  parsedToEnd: boolean;
  expiryConfirmed: boolean;
  hold: ImportHold | null;
  error: { code: string; message: string } | null;
  createdAt: Date;
  receivedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
}

export interface ImportReportRow {
  /** Feed position (1-based); null for an offer a snapshot expired. */
  position: number | null;
  externalRef: string | null;
  outcome: ImportOutcome;
  /** Stable code of a rejection: INVALID, BLOCKED_BY_SCREENING, FEED_RECORD_INVALID, DUPLICATE_IN_FEED. */
  reasonCode: string | null;
  fieldErrors: Array<{ field: string; reason: string }> | null;
  offerId: string | null;
  /**
   * What screening found (rule id, quoted span, legal basis, suggestion): every finding of an item
   * rejected with BLOCKED_BY_SCREENING, or of a flagged offer that was published. Null when screening
   * found nothing or never ran (unreadable or invalid item, expired offer).
   */
  findings: Finding[] | null;
}

/** How screening judged a row's offer: null when it was never screened. */
export type ScreeningVerdict = 'clean' | 'flagged' | 'blocked' | null;

export function screeningVerdictOf(
  row: Pick<ImportReportRow, 'outcome' | 'reasonCode' | 'findings'>,
): ScreeningVerdict {
  if (row.reasonCode === 'BLOCKED_BY_SCREENING') return 'blocked';
  if (row.outcome === 'added' || row.outcome === 'updated' || row.outcome === 'unchanged')
    return row.findings?.length ? 'flagged' : 'clean';
  return null;
}
