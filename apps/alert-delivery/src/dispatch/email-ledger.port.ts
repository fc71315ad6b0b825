import type { PendingMatch } from '../projection/pending-matches.port';

export type EmailClaim =
  | { claimed: true; takenOver: boolean }
  | { claimed: false; state: 'sent' | 'in_flight' };

/** An alert with waiting matches, and whose it is (a candidate's alerts are sent one after the other). */
export interface WaitingAlert {
  alertId: string;
  candidateId: string;
}

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
  abstract dueInstantGroups(before: Date, limit: number): Promise<WaitingAlert[]>;
  /** Alerts with waiting digest matches received before now. */
  abstract digestAlertsWaiting(limit: number): Promise<WaitingAlert[]>;
  abstract instantPendingOf(alertId: string): Promise<PendingMatch[]>;
  abstract digestPendingOf(alertId: string, receivedBefore: Date): Promise<PendingMatch[]>;
  abstract alreadySent(
    candidateId: string,
    offerIds: readonly string[],
    clusterIds: readonly string[],
  ): Promise<{ offers: Set<string>; clusters: Set<string> }>;
  /** Alert e-mails (not confirmations) recorded sent to a candidate since `since` (the daily cap). */
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
  /**
   * Pending alerts (double opt-in) whose confirmation e-mail (`confirm:<alert>`) is not recorded
   * sent yet, oldest first, leaving out suppressed addresses.
   */
  abstract awaitingConfirmation(limit: number): Promise<string[]>;
  /** The candidate of an e-mail recorded sent with this Message-ID (a bounce's trust check). */
  abstract candidateOfMessage(messageId: string): Promise<string | null>;
  /** Gives a claim back without sending (nothing left to send after the send-time re-check). */
  abstract release(key: string, owner: string): Promise<void>;
  /** Removes waiting matches that will never be sent (stale, duplicate, alert gone). */
  abstract discard(matchIds: readonly string[]): Promise<void>;
}
