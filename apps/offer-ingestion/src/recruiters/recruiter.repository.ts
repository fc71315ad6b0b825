import { IssuedApiKey } from './api-key';

export interface Recruiter {
  id: string;
  name: string;
}

/** Who a valid key belongs to, and whether it is the current key or one in its grace period. */
export interface AuthenticatedRecruiter extends Recruiter {
  keyPrefix: string;
  key: 'current' | 'retired';
}

export type DisableOutcome = 'disabled' | 'already-disabled' | 'not-found';

/** Port: recruiter accounts and their API keys (stored as SHA-256 only). */
export abstract class RecruiterRepository {
  abstract create(name: string, key: IssuedApiKey): Promise<Recruiter>;
  /** The active recruiter whose current key, or retired key still valid at `now`, this is. */
  abstract findByApiKey(key: string, now: Date): Promise<AuthenticatedRecruiter | null>;
  /**
   * Makes `key` the recruiter's current key; the previous one stays valid until `retiredUntil`.
   * False when the recruiter does not exist or is disabled.
   */
  abstract rotateKey(recruiterId: string, key: IssuedApiKey, now: Date, retiredUntil: Date): Promise<boolean>;
  abstract disable(recruiterId: string, now: Date): Promise<DisableOutcome>;
}
