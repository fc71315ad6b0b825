import { Injectable } from '@nestjs/common';
import {
  candidateNotificationAddressChangedV1,
  cvContactRequestCreatedV1,
  cvViewSummaryCreatedV1,
  erasureConfirmedV1,
} from '@vigie/contracts';
import { buildEvent, buildTombstone, OutboxWriter } from '@vigie/messaging';
import { DataSource } from 'typeorm';
import { SERVICE_NAME } from '../config';
import { deleteCvRows } from './delete-cv-rows';
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
    return this.dataSource.transaction(async (tx) => {
      // The CVs read before their files and documents were erased, by id: one uploaded after the
      // request was consumed is the candidate's new data, and its file is not left orphaned.
      await tx.query(`DELETE FROM cv_retention WHERE candidate_id = $1`, [candidateId]);
      await tx.query(`DELETE FROM cv_view_summaries WHERE candidate_id = $1`, [candidateId]);
      // The outbox rows about the candidate's CV e-mails (their address, a recruiter's message, a
      // week's summary) go, sent or not; the tombstone (ordered after every address announced) removes the address from the
      // compacted topic and from alert-delivery's copy.
      await tx.query(`DELETE FROM outbox WHERE topic = ANY($1::text[]) AND message_key = $2`, [
        [
          candidateNotificationAddressChangedV1.topic,
          cvContactRequestCreatedV1.topic,
          cvViewSummaryCreatedV1.topic,
        ],
        candidateId,
      ]);
      const tombstone = buildTombstone(candidateNotificationAddressChangedV1, candidateId, {
        producer: `vigie/${SERVICE_NAME}`,
        occurredAt: at,
      });
      const confirmation = buildEvent(
        erasureConfirmedV1,
        { erasureId, service: SERVICE_NAME, confirmedAt: at.toISOString(), erased },
        { producer: `vigie/${SERVICE_NAME}`, occurredAt: at },
      );
      return deleteCvRows(tx, this.outbox, cvs, at, [tombstone, confirmation]);
    });
  }
}
