import { Injectable } from '@nestjs/common';
import { cvProfileChangedV1, erasureConfirmedV1 } from '@vigie/contracts';
import { buildEvent, OutboxWriter } from '@vigie/messaging';
import { DataSource } from 'typeorm';
import { SERVICE_NAME } from '../config';
import { CandidateCv, CandidateCvStore } from './erasure.port';

@Injectable()
export class PgCandidateCvStore extends CandidateCvStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {
    super();
  }

  async cvsOf(candidateId: string): Promise<CandidateCv[]> {
    const rows: Array<{ id: string; storage_key: string | null; version: number | null }> =
      await this.dataSource.query(
        `SELECT c.id, c.storage_key, p.version FROM cvs c LEFT JOIN cv_profiles p ON p.cv_id = c.id
         WHERE c.candidate_id = $1 ORDER BY c.id`,
        [candidateId],
      );
    return rows.map((r) => ({ cvId: r.id, storageKey: r.storage_key, profileVersion: r.version }));
  }

  async deleteAndConfirm(
    candidateId: string,
    cvs: readonly CandidateCv[],
    erasureId: string,
    erased: Record<string, number>,
    at: Date,
  ): Promise<number> {
    const producer = `vigie/${SERVICE_NAME}`;
    return this.dataSource.transaction(async (tx) => {
      // Profiles, texts, decisions, views and counters go with their CV (ON DELETE CASCADE).
      const [, deleted]: [unknown, number] = await tx.query(`DELETE FROM cvs WHERE candidate_id = $1`, [
        candidateId,
      ]);
      // The CVs' profile events still held by the outbox (published ones are kept for inspection):
      // the `deleted` events below supersede them, published or not.
      await tx.query(`DELETE FROM outbox WHERE topic = $1 AND message_key = ANY($2::text[])`, [
        cvProfileChangedV1.topic,
        cvs.map((cv) => cv.cvId),
      ]);
      const events = cvs
        .filter((cv) => cv.profileVersion !== null)
        .map((cv) =>
          buildEvent(
            cvProfileChangedV1,
            {
              cvId: cv.cvId,
              version: cv.profileVersion! + 1,
              status: 'deleted',
              changedAt: at.toISOString(),
              profile: null,
            },
            { producer, occurredAt: at },
          ),
        );
      events.push(
        buildEvent(
          erasureConfirmedV1,
          { erasureId, service: SERVICE_NAME, confirmedAt: at.toISOString(), erased },
          { producer, occurredAt: at },
        ),
      );
      await this.outbox.append(tx, events);
      return deleted;
    });
  }
}
