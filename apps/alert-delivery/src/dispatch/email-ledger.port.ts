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

/** One e-mail key to claim before sending; the Message-ID is derived from the key. */
export interface ClaimRequest {
  key: string;
  candidateId: string;
  messageId: string;
}

/** One e-mail the relay accepted: what it showed and the waiting matches it consumed. */
export interface SentEmail {
  key: string;
  candidateId: string;
  shown: readonly ShownOffer[];
  consumed: readonly string[];
}

/** What a candidate already received, among the offers and clusters asked about. */
export interface AlreadySent {
  offers: Set<string>;
  clusters: Set<string>;
}

/**
 * Port: the ledger of grouped e-mails and digests, and the waiting matches they consume. An
 * e-mail key is claimed with a lease before sending; `markSent` records it sent, what it showed
 * (unique per candidate and offer, and per candidate and cluster) and removes the matches it
 * consumed, in one transaction. A crash between the relay's acceptance and `markSent` leaves the
 * claim to expire: the next run takes it over and resends with the same Message-ID.
 *
 * Every read and write takes a batch (one statement per batch, not per e-mail): the dispatch
 * handles hundreds of alerts per run and the round trips, not the rows, were its cost.
 */
export abstract class EmailLedger {
  /** Alerts whose first waiting instant match arrived at or before `before`. */
  abstract dueInstantGroups(before: Date, limit: number): Promise<WaitingAlert[]>;
  /** Alerts with waiting digest matches received before now. */
  abstract digestAlertsWaiting(limit: number): Promise<WaitingAlert[]>;
  /** Every waiting match (instant and digest) of these alerts, oldest first per alert. */
  abstract waitingMatchesOf(alertIds: readonly string[]): Promise<PendingMatch[]>;
  /** Per candidate, what they already received among the offers and clusters asked about. */
  abstract alreadySent(
    asked: ReadonlyArray<{ candidateId: string; offerIds: readonly string[]; clusterIds: readonly string[] }>,
  ): Promise<Map<string, AlreadySent>>;
  /** Alert e-mails (not confirmations nor CV e-mails) recorded sent per candidate since `since` (the daily cap). */
  abstract sentSince(candidateIds: readonly string[], since: Date): Promise<Map<string, number>>;
  /** Claims each key (unique within the call) for `owner`; the answer is keyed by e-mail key. */
  abstract claim(
    requests: readonly ClaimRequest[],
    owner: string,
    leaseMs: number,
  ): Promise<Map<string, EmailClaim>>;
  abstract markSent(emails: readonly SentEmail[], sentAt: Date): Promise<void>;
  /**
   * Pending alerts (double opt-in) whose confirmation e-mail (`confirm:<alert>`) is not recorded
   * sent yet, oldest first, leaving out suppressed addresses.
   */
  abstract awaitingConfirmation(limit: number): Promise<string[]>;
  /** The candidate of an e-mail recorded sent with this Message-ID (a bounce's trust check). */
  abstract candidateOfMessage(messageId: string): Promise<string | null>;
  /** Gives claims back without sending (nothing left to send after the send-time re-check). */
  abstract release(keys: readonly string[], owner: string): Promise<void>;
  /** Removes waiting matches that will never be sent (stale, duplicate, alert gone). */
  abstract discard(matchIds: readonly string[]): Promise<void>;
}
