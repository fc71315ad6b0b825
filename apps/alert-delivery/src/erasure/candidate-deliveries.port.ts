/** What alert-delivery erased of one candidate, by kind, for the receipt. */
export interface ErasedDeliveries {
  alerts: number;
  pendingMatches: number;
  emails: number;
  sentOffers: number;
  deliveries: number;
}

/** Port: alert-delivery's own data about a candidate, for erasure. */
export abstract class CandidateDeliveryStore {
  /**
   * In one transaction: records the candidate's alert ids as erased (so no late record of them is
   * projected again), then deletes the projected alerts (addresses), waiting matches, the e-mail
   * ledger's rows and what they showed, and the v1 delivery ledger of those alerts. A second call
   * finds nothing and returns zero counts.
   */
  abstract erase(candidateId: string, at: Date): Promise<ErasedDeliveries>;
}
