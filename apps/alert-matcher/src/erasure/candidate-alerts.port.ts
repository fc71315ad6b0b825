/** What alert-matcher erased of one candidate, for the receipt. */
export interface ErasedAlerts {
  /** The ids of the alerts erased (tombstoned on alerts.alert.changed.v1). */
  alertIds: string[];
  matches: number;
  outboxEvents: number;
  /** The candidate's key (0 or 1): what it sealed on the match topics can never be read again. */
  keys: number;
}

/** Port: alert-matcher's own data about a candidate, for erasure. */
export abstract class CandidateAlertStore {
  /**
   * In one transaction: deletes the candidate's alerts (every status), their matches and the
   * events about them still held by the outbox, then appends a tombstone per alert on
   * alerts.alert.changed.v1 and the confirmation of the erasure. A second call finds nothing and
   * confirms again with zero counts.
   */
  abstract eraseAndConfirm(candidateId: string, erasureId: string, at: Date): Promise<ErasedAlerts>;
}
