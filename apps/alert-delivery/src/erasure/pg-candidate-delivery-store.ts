import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CandidateDeliveryStore, ErasedDeliveries } from './candidate-deliveries.port';

@Injectable()
export class PgCandidateDeliveryStore extends CandidateDeliveryStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  erase(candidateId: string, at: Date): Promise<ErasedDeliveries> {
    return this.dataSource.transaction(async (tx) => {
      const count = async (sql: string, params: unknown[]): Promise<number> => {
        const [, n]: [unknown, number] = await tx.query(sql, params);
        return n;
      };
      // Every alert of the candidate delivery knows of, by any of its tables.
      const rows: Array<{ alert_id: string }> = await tx.query(
        `SELECT alert_id FROM alerts WHERE candidate_id = $1
         UNION SELECT alert_id FROM pending_matches WHERE candidate_id = $1
         UNION SELECT alert_id FROM sent_offers WHERE candidate_id = $1 AND alert_id IS NOT NULL`,
        [candidateId],
      );
      const alertIds = rows.map((r) => r.alert_id);
      await tx.query(
        `INSERT INTO erased_alerts (alert_id, erased_at) SELECT unnest($1::uuid[]), $2
         ON CONFLICT (alert_id) DO NOTHING`,
        [alertIds, at],
      );
      const alerts = await count(`DELETE FROM alerts WHERE candidate_id = $1 OR alert_id = ANY($2::uuid[])`, [
        candidateId,
        alertIds,
      ]);
      const pendingMatches = await count(
        `DELETE FROM pending_matches WHERE candidate_id = $1 OR alert_id = ANY($2::uuid[])`,
        [candidateId, alertIds],
      );
      // Every row has the candidate; confirmation (`confirm:<alert>`) and digest
      // (`digest:<alert>:<window>`) keys also name the alert.
      const emails = await count(
        `DELETE FROM emails WHERE candidate_id = $1 OR split_part(email_key, ':', 2) = ANY($2::text[])`,
        [candidateId, alertIds],
      );
      const sentOffers = await count(`DELETE FROM sent_offers WHERE candidate_id = $1`, [candidateId]);
      await tx.query(`DELETE FROM sent_clusters WHERE candidate_id = $1`, [candidateId]);
      const deliveries = await count(`DELETE FROM deliveries WHERE alert_id = ANY($1::uuid[])`, [alertIds]);
      // The address goes with the rest; cv-intake's tombstone follows every address on its topic.
      // Kept as a SHA-256 with the time, to refuse records older than this erasure read late.
      await tx.query(
        `INSERT INTO erased_candidates (candidate_sha256, erased_at) VALUES (sha256(convert_to($1, 'UTF8')), $2)
         ON CONFLICT (candidate_sha256) DO NOTHING`,
        [candidateId, at],
      );
      const cvEmails =
        (await count(`DELETE FROM candidate_addresses WHERE candidate_id = $1`, [candidateId])) +
        (await count(`DELETE FROM candidate_notices WHERE candidate_id = $1`, [candidateId])) +
        (await count(`DELETE FROM cv_email_opt_outs WHERE candidate_id = $1`, [candidateId]));
      return { alerts, pendingMatches, emails, sentOffers, deliveries, cvEmails };
    });
  }

  async pruneErased(
    alertsBefore: Date,
    candidatesBefore: Date,
  ): Promise<{ alerts: number; candidates: number }> {
    const [, alerts]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM erased_alerts WHERE erased_at < $1`,
      [alertsBefore],
    );
    const [, candidates]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM erased_candidates WHERE erased_at < $1`,
      [candidatesBefore],
    );
    return { alerts, candidates };
  }
}
