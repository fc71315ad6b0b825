import type { PendingMatch } from '../projection/pending-matches.port';

export type EmailClaim =
  | { claimed: true; takenOver: boolean }
  | { claimed: false; state: 'sent' | 'in_flight' };

/** The offers an e-mail showed, recorded so they never go to the candidate again. */
export interface ShownOffer {
  offerId: string;
  clusterId: string | null;
}

/**
 * Port: the ledger of grouped e-mails and digests, and the waiting matches they consume. An
 * e-mail key is claimed with a lease before sending; `markSent` records it sent, what it showed
 * (unique per candidate and offer, and per candidate and cluster) and removes the matches it
 * consumed, in one transaction. A crash between the relay's acceptance and `markSent` leaves the
 * claim to expire: the next run takes it over and resends with the same Message-ID.
 */
export abstract class EmailLedger {
  /** Alerts whose first waiting instant match arrived at or before `before`. */
  abstract dueInstantGroups(before: Date, limit: number): Promise<string[]>;
  /** Alerts with waiting digest matches received before now. */
  abstract digestAlertsWaiting(limit: number): Promise<string[]>;
  abstract instantPendingOf(alertId: string): Promise<PendingMatch[]>;
  abstract digestPendingOf(alertId: string, receivedBefore: Date): Promise<PendingMatch[]>;
  abstract alreadySent(
    candidateId: string,
    offerIds: readonly string[],
    clusterIds: readonly string[],
  ): Promise<{ offers: Set<string>; clusters: Set<string> }>;
  /** E-mails recorded sent to a candidate since `since` (the daily cap), on the Clock's time. */
  abstract sentSince(candidateId: string, since: Date): Promise<number>;
  abstract claim(
    key: string,
    candidateId: string,
    messageId: string,
    owner: string,
    leaseMs: number,
  ): Promise<EmailClaim>;
  abstract markSent(
    key: string,
    candidateId: string,
    shown: readonly ShownOffer[],
    consumed: readonly string[],
    sentAt: Date,
  ): Promise<void>;
  /** Gives a claim back without sending (nothing left to send after the send-time re-check). */
  abstract release(key: string, owner: string): Promise<void>;
  /** Removes waiting matches that will never be sent (stale, duplicate, alert gone). */
  abstract discard(matchIds: readonly string[]): Promise<void>;
}
