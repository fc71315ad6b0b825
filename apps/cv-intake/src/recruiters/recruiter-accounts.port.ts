import type { RecruiterAccountChangedV1 } from '@vigie/contracts';

/** A recruiter whose API key was accepted. */
export interface AuthenticatedRecruiter {
  recruiterId: string;
  /** The company the recruiter acts for, shown to candidates whose CV they open. */
  company: string;
  keyPrefix: string;
}

/**
 * Port: cv-intake's projection of recruiter accounts (recruiters.account.changed.v1, published by
 * offer-ingestion, which owns accounts and keys). Holds key prefixes and SHA-256 only.
 */
export abstract class RecruiterAccounts {
  /** Applies account snapshots; an older snapshot than the one held is ignored (replays). */
  abstract apply(accounts: readonly RecruiterAccountChangedV1[]): Promise<void>;
  /** The active account whose current key, or rotated-out key still valid at `now`, this is. */
  abstract findByApiKey(key: string, now: Date): Promise<AuthenticatedRecruiter | null>;
}
