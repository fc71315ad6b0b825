import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PendingMatch } from '../projection/pending-matches.port';
import { EmailClaim, EmailLedger, ShownOffer } from './email-ledger.port';

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

  async dueInstantGroups(before: Date, limit: number): Promise<string[]> {
    const rows: Array<{ alert_id: string }> = await this.dataSource.query(
      `SELECT alert_id FROM pending_matches WHERE frequency = 'instant'
       GROUP BY alert_id HAVING min(received_at) <= $1 ORDER BY min(received_at) LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => r.alert_id);
  }

  async digestAlertsWaiting(limit: number): Promise<string[]> {
    const rows: Array<{ alert_id: string }> = await this.dataSource.query(
      `SELECT alert_id FROM pending_matches WHERE frequency <> 'instant'
       GROUP BY alert_id ORDER BY min(received_at) LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.alert_id);
  }

  async instantPendingOf(alertId: string): Promise<PendingMatch[]> {
    const rows: PendingRow[] = await this.dataSource.query(
      `SELECT * FROM pending_matches WHERE alert_id = $1 AND frequency = 'instant'
       ORDER BY received_at, match_id`,
      [alertId],
    );
    return rows.map(toPending);
  }

  async digestPendingOf(alertId: string, receivedBefore: Date): Promise<PendingMatch[]> {
    const rows: PendingRow[] = await this.dataSource.query(
      `SELECT * FROM pending_matches WHERE alert_id = $1 AND frequency <> 'instant' AND received_at <= $2
       ORDER BY received_at, match_id`,
      [alertId, receivedBefore],
    );
    return rows.map(toPending);
  }

  async alreadySent(
    candidateId: string,
    offerIds: readonly string[],
    clusterIds: readonly string[],
  ): Promise<{ offers: Set<string>; clusters: Set<string> }> {
    const offers: Array<{ offer_id: string }> = await this.dataSource.query(
      `SELECT offer_id FROM sent_offers WHERE candidate_id = $1 AND offer_id = ANY($2::uuid[])`,
      [candidateId, offerIds],
    );
    const clusters: Array<{ cluster_id: string }> = await this.dataSource.query(
      `SELECT cluster_id FROM sent_clusters WHERE candidate_id = $1 AND cluster_id = ANY($2::text[])`,
      [candidateId, clusterIds],
    );
    return {
      offers: new Set(offers.map((o) => o.offer_id)),
      clusters: new Set(clusters.map((c) => c.cluster_id)),
    };
  }

  async sentSince(candidateId: string, since: Date): Promise<number> {
    const rows: Array<{ n: string }> = await this.dataSource.query(
      `SELECT count(*) AS n FROM emails WHERE candidate_id = $1 AND status = 'sent' AND sent_at >= $2`,
      [candidateId, since],
    );
    return Number(rows[0]!.n);
  }

  async claim(
    key: string,
    candidateId: string,
    messageId: string,
    owner: string,
    leaseMs: number,
  ): Promise<EmailClaim> {
    const claimed: Array<{ last_takeover: boolean }> = await this.dataSource.query(
      `INSERT INTO emails (email_key, candidate_id, status, claimed_by, claimed_until, message_id)
       VALUES ($1, $2, 'sending', $3, now() + $4 * interval '1 millisecond', $5)
       ON CONFLICT (email_key) DO UPDATE
         SET attempts = emails.attempts + 1,
             last_takeover = emails.claimed_by IS DISTINCT FROM EXCLUDED.claimed_by,
             claimed_by = EXCLUDED.claimed_by,
             claimed_until = EXCLUDED.claimed_until
         WHERE emails.status = 'sending'
           AND (emails.claimed_by = EXCLUDED.claimed_by OR emails.claimed_until < now())
       RETURNING last_takeover`,
      [key, candidateId, owner, leaseMs, messageId],
    );
    if (claimed.length > 0) return { claimed: true, takenOver: claimed[0]!.last_takeover };
    const rows: Array<{ status: string }> = await this.dataSource.query(
      `SELECT status FROM emails WHERE email_key = $1`,
      [key],
    );
    return { claimed: false, state: rows[0]?.status === 'sent' ? 'sent' : 'in_flight' };
  }

  async markSent(
    key: string,
    candidateId: string,
    shown: readonly ShownOffer[],
    consumed: readonly string[],
    sentAt: Date,
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE emails SET status = 'sent', sent_at = $3, claimed_until = NULL, offer_count = $2
         WHERE email_key = $1`,
        [key, shown.length, sentAt],
      );
      // What the e-mail showed, for the candidate pages' « last offers sent »: the alert and the
      // offer summary come from the waiting match consumed (deleted just below).
      await tx.query(
        `INSERT INTO sent_offers (candidate_id, offer_id, email_key, alert_id, offer, sent_at)
         SELECT $1, o, $3, m.alert_id, m.offer, $4
           FROM unnest($2::uuid[]) AS o
           LEFT JOIN LATERAL (
             SELECT alert_id, offer FROM pending_matches
              WHERE offer_id = o AND match_id = ANY($5::uuid[]) LIMIT 1
           ) m ON true
         ON CONFLICT DO NOTHING`,
        [candidateId, shown.map((s) => s.offerId), key, sentAt, consumed],
      );
      await tx.query(
        `INSERT INTO sent_clusters (candidate_id, cluster_id, email_key)
         SELECT $1, c, $3 FROM unnest($2::text[]) AS c ON CONFLICT DO NOTHING`,
        [candidateId, shown.flatMap((s) => (s.clusterId ? [s.clusterId] : [])), key],
      );
      await tx.query(`DELETE FROM pending_matches WHERE match_id = ANY($1::uuid[])`, [consumed]);
    });
  }

  async release(key: string, owner: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM emails WHERE email_key = $1 AND status = 'sending' AND claimed_by = $2`,
      [key, owner],
    );
  }

  async discard(matchIds: readonly string[]): Promise<void> {
    if (matchIds.length === 0) return;
    await this.dataSource.query(`DELETE FROM pending_matches WHERE match_id = ANY($1::uuid[])`, [matchIds]);
  }
}
