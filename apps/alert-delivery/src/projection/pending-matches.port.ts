import type { MatchCreatedV2 } from '@vigie/contracts';

/** A match waiting to go out in a grouped e-mail or a digest. */
export interface PendingMatch {
  matchId: string;
  candidateId: string;
  alertId: string;
  offerId: string;
  clusterId: string | null;
  frequency: MatchCreatedV2['frequency'];
  matchedAt: Date;
  /** When delivery first saw it (the grouping window starts at the first one). */
  receivedAt: Date;
  offer: MatchCreatedV2['offer'];
  explanation: MatchCreatedV2['explanation'];
}

/**
 * Port: the matches waiting to be sent. Keyed by match id, so a redelivered or replayed match is
 * recorded once; `record` reports how many were new.
 */
export abstract class PendingMatches {
  abstract record(matches: readonly PendingMatch[]): Promise<number>;
}
