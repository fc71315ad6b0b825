/** What alert-delivery erased of one candidate, by kind, for the receipt. */
export interface ErasedDeliveries {
  alerts: number;
  pendingMatches: number;
  emails: number;
  sentOffers: number;
  deliveries: number;
  /** The notification address, the CV e-mails waiting and the opt-out of the CV e-mails. */
  cvEmails: number;
}

/** Port: alert-delivery's own data about a candidate, for erasure. */
export abstract class CandidateDeliveryStore {
  /**
   * In one transaction: records the candidate's alert ids as erased (so no late record of them is
   * projected again), then deletes the projected alerts (addresses), waiting matches, the e-mail
   * ledger's rows and what they showed, the v1 delivery ledger of those alerts, and the
   * candidate's notification address, waiting CV e-mails and opt-out. A second call
   * finds nothing and returns zero counts.
   */
  abstract erase(candidateId: string, at: Date): Promise<ErasedDeliveries>;
  /** Forgets the erased alert ids and candidates recorded before these dates; returns how many. */
  abstract pruneErased(
    alertsBefore: Date,
    candidatesBefore: Date,
  ): Promise<{ alerts: number; candidates: number }>;
}
