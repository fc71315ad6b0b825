import { Injectable } from '@nestjs/common';
import { MatchExplanation } from '@vigie/contracts';
import { Transaction } from '@vigie/database';

export interface NewMatch {
  alertId: string;
  offerId: string;
  offerVersion: number;
  explanation: MatchExplanation;
}

export interface StoredMatch {
  matchId: string;
  alertId: string;
  offerId: string;
  matchedAt: Date;
}

/** Port: matches, one per (alert, offer) at most. */
export abstract class MatchRepository {
  /** Returns only the matches that did not exist yet. */
  abstract insertNew(tx: Transaction, matches: readonly NewMatch[]): Promise<StoredMatch[]>;
}

@Injectable()
export class PgMatchRepository extends MatchRepository {
  async insertNew(tx: Transaction, matches: readonly NewMatch[]): Promise<StoredMatch[]> {
    if (matches.length === 0) return [];
    const rows: Array<{ id: string; alert_id: string; offer_id: string; matched_at: Date }> =
      await tx.manager.query(
        `INSERT INTO matches (alert_id, offer_id, offer_version, explanation)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::jsonb[])
       ON CONFLICT (alert_id, offer_id) DO NOTHING
       RETURNING id, alert_id, offer_id, matched_at`,
        [
          matches.map((m) => m.alertId),
          matches.map((m) => m.offerId),
          matches.map((m) => m.offerVersion),
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
}
