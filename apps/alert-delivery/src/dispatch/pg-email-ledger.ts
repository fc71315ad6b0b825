import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PendingMatch } from '../projection/pending-matches.port';
import {
  AlreadySent,
  ClaimRequest,
  EmailClaim,
  EmailLedger,
  SentEmail,
  WaitingAlert,
} from './email-ledger.port';

interface PendingRow {
  match_id: string;
  candidate_id: string;
  alert_id: string;
  offer_id: string;
  cluster_id: string | null;
  frequency: PendingMatch['frequency'];
  matched_at: Date;
  received_at: Date;
  offer: PendingMatch['offer'];
  explanation: PendingMatch['explanation'];
}

const toPending = (r: PendingRow): PendingMatch => ({
  matchId: r.match_id,
  candidateId: r.candidate_id,
  alertId: r.alert_id,
  offerId: r.offer_id,
  clusterId: r.cluster_id,
  frequency: r.frequency,
  matchedAt: r.matched_at,
  receivedAt: r.received_at,
  offer: r.offer,
  explanation: r.explanation,
});

@Injectable()
export class PgEmailLedger extends EmailLedger {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async dueInstantGroups(before: Date, limit: number): Promise<WaitingAlert[]> {
    const rows: Array<{ alert_id: string; candidate_id: string }> = await this.dataSource.query(
      `SELECT alert_id, min(candidate_id) AS candidate_id FROM pending_matches WHERE frequency = 'instant'
       GROUP BY alert_id HAVING min(received_at) <= $1 ORDER BY min(received_at) LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => ({ alertId: r.alert_id, candidateId: r.candidate_id }));
  }

  async digestAlertsWaiting(limit: number): Promise<WaitingAlert[]> {
    const rows: Array<{ alert_id: string; candidate_id: string }> = await this.dataSource.query(
      `SELECT alert_id, min(candidate_id) AS candidate_id FROM pending_matches WHERE frequency <> 'instant'
       GROUP BY alert_id ORDER BY min(received_at) LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ alertId: r.alert_id, candidateId: r.candidate_id }));
  }

  async waitingMatchesOf(alertIds: readonly string[]): Promise<PendingMatch[]> {
    if (alertIds.length === 0) return [];
    const rows: PendingRow[] = await this.dataSource.query(
      `SELECT * FROM pending_matches WHERE alert_id = ANY($1::uuid[]) ORDER BY received_at, match_id`,
      [[...new Set(alertIds)]],
    );
    return rows.map(toPending);
  }

  async alreadySent(
    asked: ReadonlyArray<{ candidateId: string; offerIds: readonly string[]; clusterIds: readonly string[] }>,
  ): Promise<Map<string, AlreadySent>> {
    // (candidate, offer) and (candidate, cluster) pairs, joined on the tables' primary keys.
    const pairs = (pick: (a: (typeof asked)[number]) => readonly string[]) => {
      const candidates: string[] = [];
      const ids: string[] = [];
      for (const a of asked)
        for (const id of pick(a)) {
          candidates.push(a.candidateId);
          ids.push(id);
        }
      return [candidates, ids] as const;
    };
    const [offerCandidates, offerIds] = pairs((a) => a.offerIds);
    const [clusterCandidates, clusterIds] = pairs((a) => a.clusterIds);
    const result = new Map<string, AlreadySent>(
      asked.map((a) => [a.candidateId, { offers: new Set<string>(), clusters: new Set<string>() }]),
    );
    if (offerIds.length + clusterIds.length === 0) return result;
    const rows: Array<{ kind: 'offer' | 'cluster'; candidate_id: string; id: string }> =
      await this.dataSource.query(
        `SELECT 'offer' AS kind, s.candidate_id, s.offer_id::text AS id
           FROM unnest($1::text[], $2::uuid[]) AS q(candidate_id, offer_id)
           JOIN sent_offers s USING (candidate_id, offer_id)
         UNION ALL
         SELECT 'cluster', s.candidate_id, s.cluster_id
           FROM unnest($3::text[], $4::text[]) AS q(candidate_id, cluster_id)
           JOIN sent_clusters s USING (candidate_id, cluster_id)`,
        [offerCandidates, offerIds, clusterCandidates, clusterIds],
      );
    for (const r of rows) {
      const sent = result.get(r.candidate_id)!;
      (r.kind === 'offer' ? sent.offers : sent.clusters).add(r.id);
    }
    return result;
  }

  async sentSince(candidateIds: readonly string[], since: Date): Promise<Map<string, number>> {
    const result = new Map(candidateIds.map((c) => [c, 0]));
    if (candidateIds.length === 0) return result;
    const rows: Array<{ candidate_id: string; n: string }> = await this.dataSource.query(
      `SELECT candidate_id, count(*) AS n FROM emails
       WHERE candidate_id = ANY($1::text[]) AND status = 'sent' AND sent_at >= $2
         AND email_key NOT LIKE 'confirm:%' AND email_key NOT LIKE 'cv:%'
       GROUP BY candidate_id`,
      [[...new Set(candidateIds)], since],
    );
    for (const r of rows) result.set(r.candidate_id, Number(r.n));
    return result;
  }

  async claim(
    requests: readonly ClaimRequest[],
    owner: string,
    leaseMs: number,
  ): Promise<Map<string, EmailClaim>> {
    if (requests.length === 0) return new Map();
    // The outer SELECT reads `emails` as it was before the INSERT (one snapshot per statement):
    // for a key not claimed, that is the row which refused the claim.
    const rows: Array<{
      email_key: string;
      claimed: boolean;
      last_takeover: boolean | null;
      status: string | null;
    }> = await this.dataSource.query(
      `WITH req AS (
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS r(email_key, candidate_id, message_id)),
         claimed AS (
           INSERT INTO emails (email_key, candidate_id, status, claimed_by, claimed_until, message_id)
           SELECT email_key, candidate_id, 'sending', $4, now() + $5 * interval '1 millisecond', message_id
             FROM req
           ON CONFLICT (email_key) DO UPDATE
             SET attempts = emails.attempts + 1,
                 last_takeover = emails.claimed_by IS DISTINCT FROM EXCLUDED.claimed_by,
                 claimed_by = EXCLUDED.claimed_by,
                 claimed_until = EXCLUDED.claimed_until
             WHERE emails.status = 'sending'
               AND (emails.claimed_by = EXCLUDED.claimed_by OR emails.claimed_until < now())
           RETURNING email_key, last_takeover)
         SELECT r.email_key, c.email_key IS NOT NULL AS claimed, c.last_takeover, e.status
           FROM req r
           LEFT JOIN claimed c ON c.email_key = r.email_key
           LEFT JOIN emails e ON e.email_key = r.email_key`,
      [
        requests.map((r) => r.key),
        requests.map((r) => r.candidateId),
        requests.map((r) => r.messageId),
        owner,
        leaseMs,
      ],
    );
    return new Map(
      rows.map((r): [string, EmailClaim] => [
        r.email_key,
        r.claimed
          ? { claimed: true, takenOver: r.last_takeover === true }
          : { claimed: false, state: r.status === 'sent' ? 'sent' : 'in_flight' },
      ]),
    );
  }

  async markSent(emails: readonly SentEmail[], sentAt: Date): Promise<void> {
    if (emails.length === 0) return;
    const shown = emails.flatMap((e) => e.shown.map((s) => ({ e, s })));
    const clusters = shown.filter(({ s }) => s.clusterId !== null);
    const consumed = emails.flatMap((e) => e.consumed.map((matchId) => ({ key: e.key, matchId })));
    // One statement, hence one transaction and one round trip for the whole batch: the e-mails are
    // recorded sent, what they showed is recorded, and the matches they consumed go, all or nothing.
    await this.dataSource.query(
      `WITH done AS (
         SELECT * FROM unnest($1::text[], $2::int[]) AS d(email_key, offer_count)),
       sent AS (
         UPDATE emails e SET status = 'sent', sent_at = $3, claimed_until = NULL, offer_count = d.offer_count
           FROM done d WHERE e.email_key = d.email_key),
       consumed AS (
         SELECT * FROM unnest($9::text[], $10::uuid[]) AS c(email_key, match_id)),
       offers AS (
         INSERT INTO sent_offers (candidate_id, offer_id, email_key, alert_id, offer, sent_at)
         SELECT o.candidate_id, o.offer_id, o.email_key, m.alert_id, m.offer, $3
           FROM unnest($4::text[], $5::text[], $6::uuid[]) AS o(email_key, candidate_id, offer_id)
           -- What the e-mail showed, for the candidate pages' « last offers sent »: the alert and
           -- the offer summary of the waiting match it consumed (the DELETE below sees the same snapshot).
           LEFT JOIN LATERAL (
             SELECT p.alert_id, p.offer FROM pending_matches p
               JOIN consumed c ON c.match_id = p.match_id AND c.email_key = o.email_key
              WHERE p.offer_id = o.offer_id LIMIT 1
           ) m ON true
         ON CONFLICT DO NOTHING),
       clusters AS (
         INSERT INTO sent_clusters (candidate_id, cluster_id, email_key)
         SELECT candidate_id, cluster_id, email_key
           FROM unnest($7::text[], $8::text[], $11::text[]) AS k(candidate_id, cluster_id, email_key)
         ON CONFLICT DO NOTHING)
       DELETE FROM pending_matches WHERE match_id IN (SELECT match_id FROM consumed)`,
      [
        emails.map((e) => e.key),
        emails.map((e) => e.shown.length),
        sentAt,
        shown.map(({ e }) => e.key),
        shown.map(({ e }) => e.candidateId),
        shown.map(({ s }) => s.offerId),
        clusters.map(({ e }) => e.candidateId),
        clusters.map(({ s }) => s.clusterId),
        consumed.map((c) => c.key),
        consumed.map((c) => c.matchId),
        clusters.map(({ e }) => e.key),
      ],
    );
  }

  async awaitingConfirmation(limit: number): Promise<string[]> {
    const rows: Array<{ alert_id: string }> = await this.dataSource.query(
      `SELECT a.alert_id FROM alerts a
       WHERE a.status = 'pending'
         AND NOT EXISTS (SELECT 1 FROM emails e
                         WHERE e.email_key = 'confirm:' || a.alert_id AND e.status = 'sent')
         AND NOT EXISTS (SELECT 1 FROM suppressed_addresses s
                         WHERE s.address_hash = encode(sha256(convert_to(lower(trim(a.email)), 'UTF8')), 'hex'))
       ORDER BY a.changed_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.alert_id);
  }

  async candidateOfMessage(messageId: string): Promise<string | null> {
    const rows: Array<{ candidate_id: string }> = await this.dataSource.query(
      `SELECT candidate_id FROM emails WHERE message_id = $1 AND status = 'sent' LIMIT 1`,
      [messageId],
    );
    return rows[0]?.candidate_id ?? null;
  }

  async release(keys: readonly string[], owner: string): Promise<void> {
    if (keys.length === 0) return;
    await this.dataSource.query(
      `DELETE FROM emails WHERE email_key = ANY($1::text[]) AND status = 'sending' AND claimed_by = $2`,
      [keys, owner],
    );
  }

  async discard(matchIds: readonly string[]): Promise<void> {
    if (matchIds.length === 0) return;
    await this.dataSource.query(`DELETE FROM pending_matches WHERE match_id = ANY($1::uuid[])`, [matchIds]);
  }
}
