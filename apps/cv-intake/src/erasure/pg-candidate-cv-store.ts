import { Inject, Injectable } from '@nestjs/common';
import {
  candidateNotificationAddressChangedV1,
  cvContactRequestCreatedV1,
  cvRetentionWarningCreatedV1,
  cvViewSummaryCreatedV1,
  erasureConfirmedV1,
} from '@vigie/contracts';
import { destroySubjectKeys, SHARED_SUBJECT_KEYS_TABLE } from '@vigie/database';
import { SubjectCipher } from '@vigie/kernel';
import { buildEvent, buildTombstone, OutboxWriter } from '@vigie/messaging';
import { DataSource } from 'typeorm';
import { SERVICE_NAME } from '../config';
import { CANDIDATE_CIPHER } from '../cv-emails/candidate-sealer';
import { deleteCvRows } from './delete-cv-rows';
import { CandidateCv, CandidateCvStore } from './erasure.port';

@Injectable()
export class PgCandidateCvStore extends CandidateCvStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(CANDIDATE_CIPHER) private readonly candidateKeys: SubjectCipher,
    @Inject(SHARED_SUBJECT_KEYS_TABLE) private readonly candidateKeysTable: string,
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
    const deleted = await this.deleteInOneTransaction(candidateId, cvs, erasureId, erased, at);
    // The key went in the transaction; this evicts it from this process's cache too.
    await this.candidateKeys.destroy([candidateId]);
    return deleted;
  }

  private deleteInOneTransaction(
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
      // The sealed ones are keyed by the candidate's key id (a pseudonym), older ones by the id.
      const pseudonyms: Array<{ key_id: string }> = await tx.query(
        `SELECT key_id::text FROM ${this.candidateKeysTable} WHERE subject_id = $1`,
        [candidateId],
      );
      await tx.query(`DELETE FROM outbox WHERE topic = ANY($1::text[]) AND message_key = ANY($2::text[])`, [
        [
          candidateNotificationAddressChangedV1.topic,
          cvContactRequestCreatedV1.topic,
          cvViewSummaryCreatedV1.topic,
          cvRetentionWarningCreatedV1.topic,
        ],
        [candidateId, ...pseudonyms.map((p) => p.key_id)],
      ]);
      // Crypto-shredding: the CV e-mail records still on their topics (up to 31 days) are unreadable
      // from this commit on; the tombstone refuses a key to a producer racing this erasure. 0 when
      // alert-matcher's erasure destroyed the shared key first (or a replay): the receipt's sum of
      // `keys` over services says the key went, once.
      const keys = await destroySubjectKeys(tx, this.candidateKeysTable, [candidateId], { tombstones: true });
      // The CVs' own keys (who viewed them) go with their rows below (ON DELETE CASCADE).
      const [cvKeys] = await tx.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM cv_keys WHERE subject_id = ANY($1::uuid[])`,
        [cvs.map((cv) => cv.cvId)],
      );
      const tombstone = buildTombstone(candidateNotificationAddressChangedV1, candidateId, {
        producer: `vigie/${SERVICE_NAME}`,
        occurredAt: at,
      });
      const confirmation = buildEvent(
        erasureConfirmedV1,
        {
          erasureId,
          service: SERVICE_NAME,
          confirmedAt: at.toISOString(),
          erased: { ...erased, keys, cvKeys: cvKeys!.n },
        },
        { producer: `vigie/${SERVICE_NAME}`, occurredAt: at },
      );
      return deleteCvRows(tx, this.outbox, cvs, at, [tombstone, confirmation]);
    });
  }
}
