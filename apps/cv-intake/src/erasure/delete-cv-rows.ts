import { cvProfileChangedV1 } from '@vigie/contracts';
import { buildEvent, OutboxWriter, OutgoingEvent } from '@vigie/messaging';
import { EntityManager } from 'typeorm';
import { SERVICE_NAME } from '../config';
import { CandidateCv } from './erasure.port';

/**
 * Inside the caller's transaction: deletes these CVs' rows (profiles, texts, decisions, views and
 * counters cascade), drops their profile events still in the outbox and announces each indexed CV
 * as `deleted` on the compacted cvs.profile.changed.v1 (ordered after any earlier profile event of
 * the CV, so it replaces the profile at compaction). `extra` events go out with them. Shared by
 * the erasure on request and the retention expiry. Returns how many CV rows were deleted.
 */
export async function deleteCvRows(
  tx: EntityManager,
  outbox: OutboxWriter,
  cvs: readonly CandidateCv[],
  at: Date,
  extra: readonly OutgoingEvent[] = [],
): Promise<number> {
  const ids = cvs.map((cv) => cv.cvId);
  const [, deleted]: [unknown, number] = await tx.query(`DELETE FROM cvs WHERE id = ANY($1::uuid[])`, [ids]);
  // Published ones are kept for inspection: the `deleted` events below supersede them too.
  await tx.query(`DELETE FROM outbox WHERE topic = $1 AND message_key = ANY($2::text[])`, [
    cvProfileChangedV1.topic,
    ids,
  ]);
  const producer = `vigie/${SERVICE_NAME}`;
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
  await outbox.append(tx, [...events, ...extra]);
  return deleted;
}
