import type { CandidateNotice, NewNotice } from './candidate-notice';

/** Port: the CV e-mails waiting to be sent (one row per ledger key). */
export abstract class CandidateNotices {
  /**
   * Records each notice once (a replay of its event records nothing more), except one whose event
   * is older than its candidate's erasure; returns how many were new.
   */
  abstract record(notices: readonly NewNotice[]): Promise<number>;
  /** Notices whose next attempt is due, oldest attempt first. */
  abstract due(now: Date, limit: number): Promise<CandidateNotice[]>;
  /** Tries these again at `until` (their address is not known yet). */
  abstract postpone(keys: readonly string[], until: Date): Promise<void>;
  /** Sent, already sent, refused or dropped: nothing more to do. */
  abstract remove(keys: readonly string[]): Promise<void>;
}
