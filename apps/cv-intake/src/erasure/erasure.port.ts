import type { ErasureConfirmedV1 } from '@vigie/contracts';

export interface ErasureReceipt {
  erasureId: string;
  requestedAt: string;
  /** The services that must confirm. */
  services: string[];
  confirmations: Array<{ service: string; confirmedAt: string; erased: Record<string, number> }>;
  /** `complete` once every service confirmed. */
  status: 'pending' | 'complete';
  completedAt: string | null;
}

/**
 * Port: erasure requests and their receipts. Holds the SHA-256 of the candidate id only (so the
 * candidate can read their receipt), never anything else about them.
 */
export abstract class ErasureLedger {
  /** Records the request and announces it (candidates.erasure.requested.v1) in one transaction. */
  abstract request(
    candidateId: string,
    erasureId: string,
    services: readonly string[],
    at: Date,
  ): Promise<void>;
  /** Records confirmations (a replay changes nothing); completes receipts whose services all confirmed. */
  abstract confirm(confirmations: readonly ErasureConfirmedV1[]): Promise<void>;
  /** The candidate's receipt, or undefined for anybody else's or an unknown id. */
  abstract receipt(candidateId: string, erasureId: string): Promise<ErasureReceipt | undefined>;
}

export interface CandidateCv {
  cvId: string;
  storageKey: string | null;
  /** The version of the CV's index document, if it has a profile. */
  profileVersion: number | null;
}

/** Port: cv-intake's own data about a candidate, for erasure. */
export abstract class CandidateCvStore {
  abstract cvsOf(candidateId: string): Promise<CandidateCv[]>;
  /**
   * Deletes the candidate's CV rows (profiles, texts, decisions, views and counters cascade) and,
   * in the same transaction, announces each CV as `deleted` on cvs.profile.changed.v1 and
   * confirms the erasure with `erased` and the keys destroyed in that transaction: `keys`, the
   * candidate's in the shared table (0 if another service's erasure destroyed it first), and
   * `cvKeys`, the CVs' own. Returns how many CV rows were deleted.
   */
  abstract deleteAndConfirm(
    candidateId: string,
    cvs: readonly CandidateCv[],
    erasureId: string,
    erased: Record<string, number>,
    at: Date,
  ): Promise<number>;
}
