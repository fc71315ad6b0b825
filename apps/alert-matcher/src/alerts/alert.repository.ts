import { Transaction } from '@vigie/database';
import { Alert } from './alert';

export type NewAlert = Omit<Alert, 'id' | 'version' | 'createdAt' | 'changedAt' | 'snoozedUntil'> & {
  status: 'pending' | 'active';
};

export interface CandidateQuery {
  tokens: string[];
  contractType: string;
  notAfter: Date;
}

/**
 * Port: the alerts. Changes run inside the caller's transaction, so the alert.changed.v1 event is
 * written to the outbox with them; reads for a candidate are scoped by candidate.
 */
export abstract class AlertRepository {
  abstract insert(tx: Transaction, alert: NewAlert, at: Date): Promise<Alert>;
  /** The alert, locked until the transaction ends (any status), or null. */
  abstract lock(tx: Transaction, alertId: string): Promise<Alert | null>;
  /** Writes the new state of a locked alert (its version was bumped by the transition). */
  abstract save(tx: Transaction, alert: Alert): Promise<void>;
  /** Pending, active and paused alerts sent to this address (case-insensitive). */
  abstract countLiveForAddress(tx: Transaction, email: string): Promise<number>;
  /** Ids of the candidate's alerts that are not deleted, locked until the transaction ends. */
  abstract lockForCandidate(tx: Transaction, candidateId: string): Promise<Alert[]>;
  /** Any alert but a deleted one. */
  abstract find(alertId: string): Promise<Alert | null>;
  abstract listForCandidate(candidateId: string): Promise<Alert[]>;
  /**
   * For each query, the active alerts created before `notAfter` whose keywords are all among the
   * tokens, with a fitting contract type. One round trip for a whole batch of offers.
   */
  abstract findCandidates(tx: Transaction, queries: readonly CandidateQuery[]): Promise<Alert[][]>;
}
