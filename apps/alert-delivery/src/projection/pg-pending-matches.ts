import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PendingMatch, PendingMatches } from './pending-matches.port';

@Injectable()
export class PgPendingMatches extends PendingMatches {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async record(matches: readonly PendingMatch[]): Promise<number> {
    if (matches.length === 0) return 0;
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO pending_matches (match_id, candidate_id, alert_id, offer_id, cluster_id, frequency,
                                    matched_at, received_at, offer, explanation)
       SELECT m."matchId", m."candidateId", m."alertId", m."offerId", m."clusterId", m.frequency,
              m."matchedAt", m."receivedAt", m.offer, m.explanation
       FROM jsonb_to_recordset($1::jsonb) AS m("matchId" uuid, "candidateId" text, "alertId" uuid,
         "offerId" uuid, "clusterId" text, frequency text, "matchedAt" timestamptz,
         "receivedAt" timestamptz, offer jsonb, explanation jsonb)
       ON CONFLICT (match_id) DO NOTHING
       RETURNING match_id`,
      [JSON.stringify(matches)],
    );
    return rows.length;
  }
}
