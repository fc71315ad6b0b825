import { Transaction } from '@vigie/database';
import { Alert } from './alert';

export type NewAlert = Omit<Alert, 'id' | 'version' | 'createdAt' | 'changedAt' | 'snoozedUntil'> & {
  status: 'pending' | 'active';
};

/**
 * Port: the alerts. Changes run inside the caller's transaction, so the alert.changed.v1 event is
 * written to the outbox with them; reads for a candidate are scoped by candidate.
 */
export abstract class AlertRepository {
  /** `idempotencyKey`: the client's key, unique per candidate among alerts not deleted. */
  abstract insert(tx: Transaction, alert: NewAlert, at: Date, idempotencyKey?: string): Promise<Alert>;
  /**
   * The candidate's alert (not deleted) created with this key, or null; the key stays locked until
   * the transaction ends, so two concurrent creations with one key make one alert.
   */
  abstract lockIdempotencyKey(tx: Transaction, candidateId: string, key: string): Promise<Alert | null>;
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
  /** Every alert, deleted ones included, in id order after `afterId`: the matcher's start-up load. */
  abstract page(afterId: string | null, limit: number): Promise<Alert[]>;
}
