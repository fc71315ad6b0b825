import { Injectable } from '@nestjs/common';
import { Transaction } from '@vigie/database';
import { MatchRepository, NewMatch, StoredMatch, WithdrawnMatch } from './match.repository';

@Injectable()
export class PgMatchRepository extends MatchRepository {
  async insertNew(tx: Transaction, matches: readonly NewMatch[]): Promise<StoredMatch[]> {
    if (matches.length === 0) return [];
    // ON CONFLICT without a target covers both unique keys: (alert, offer) and (alert, cluster).
    const rows: Array<{ id: string; alert_id: string; offer_id: string; matched_at: Date }> =
      await tx.manager.query(
        `INSERT INTO matches (alert_id, offer_id, offer_version, cluster_id, explanation)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::jsonb[])
         ON CONFLICT DO NOTHING
         RETURNING id, alert_id, offer_id, matched_at`,
        [
          matches.map((m) => m.alertId),
          matches.map((m) => m.offerId),
          matches.map((m) => m.offerVersion),
          matches.map((m) => m.clusterId),
          matches.map((m) => JSON.stringify(m.explanation)),
        ],
      );
    return rows.map((r) => ({
      matchId: r.id,
      alertId: r.alert_id,
      offerId: r.offer_id,
      matchedAt: r.matched_at,
    }));
  }

  async withdraw(
    tx: Transaction,
    offers: ReadonlyArray<{ offerId: string; reason: 'expired' | 'deleted' }>,
    at: Date,
  ): Promise<Array<WithdrawnMatch & { reason: 'expired' | 'deleted' }>> {
    if (offers.length === 0) return [];
    // TypeORM answers an UPDATE … RETURNING on Postgres with [rows, affected count].
    const [rows] = await tx.manager.query<
      [
        Array<{
          id: string;
          alert_id: string;
          candidate_id: string;
          offer_id: string;
          offer_version: number;
          withdrawn_reason: 'expired' | 'deleted';
        }>,
        number,
      ]
    >(
      `UPDATE matches m SET withdrawn_at = $3, withdrawn_reason = o.reason
       FROM unnest($1::uuid[], $2::text[]) AS o(offer_id, reason), alerts a
       WHERE m.offer_id = o.offer_id AND m.withdrawn_at IS NULL AND a.id = m.alert_id
       RETURNING m.id, m.alert_id, a.candidate_id, m.offer_id, m.offer_version, m.withdrawn_reason`,
      [offers.map((o) => o.offerId), offers.map((o) => o.reason), at],
    );
    return rows.map((r) => ({
      matchId: r.id,
      alertId: r.alert_id,
      candidateId: r.candidate_id,
      offerId: r.offer_id,
      offerVersion: r.offer_version,
      reason: r.withdrawn_reason,
      withdrawnAt: at,
    }));
  }
}
