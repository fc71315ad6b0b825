/** A change on candidates.notification-address.changed.v1: the latest address, or a tombstone. */
export type AddressChange =
  | { kind: 'address'; candidateId: string; email: string; changedAt: Date }
  | { kind: 'tombstone'; candidateId: string };

/** Port: the projection candidate id → verified notification address. */
export abstract class CandidateAddresses {
  /**
   * In order; an address older than the one kept, or than the candidate's erasure, changes
   * nothing; a tombstone deletes.
   */
  abstract apply(changes: readonly AddressChange[]): Promise<void>;
  abstract addressesOf(candidateIds: readonly string[]): Promise<Map<string, string>>;
}
