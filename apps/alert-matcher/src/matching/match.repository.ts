import { MatchExplanationV2 } from '@vigie/contracts';
import { Transaction } from '@vigie/database';

export interface NewMatch {
  alertId: string;
  offerId: string;
  offerVersion: number;
  clusterId: string | null;
  explanation: MatchExplanationV2;
}

export interface StoredMatch {
  matchId: string;
  alertId: string;
  offerId: string;
  matchedAt: Date;
}

export interface WithdrawnMatch {
  matchId: string;
  alertId: string;
  candidateId: string;
  offerId: string;
  offerVersion: number;
  withdrawnAt: Date;
}

/**
 * Port: matches, at most one per (alert, offer) and one per (alert, duplicate cluster), so a
 * redelivered offer or a copy of a job already matched creates nothing.
 */
export abstract class MatchRepository {
  /** Returns only the matches that did not exist yet. */
  abstract insertNew(tx: Transaction, matches: readonly NewMatch[]): Promise<StoredMatch[]>;
  /** Marks the live matches of these offers withdrawn; returns those it marked. */
  abstract withdraw(
    tx: Transaction,
    offers: ReadonlyArray<{ offerId: string; reason: 'expired' | 'deleted' }>,
    at: Date,
  ): Promise<Array<WithdrawnMatch & { reason: 'expired' | 'deleted' }>>;
}
