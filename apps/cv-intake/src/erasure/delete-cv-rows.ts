import { cvProfileChangedV1 } from '@vigie/contracts';
import { buildTombstone, OutboxWriter, OutgoingEvent } from '@vigie/messaging';
import { EntityManager } from 'typeorm';
import { SERVICE_NAME } from '../config';
import { CandidateCv } from './erasure.port';

/**
 * Inside the caller's transaction: deletes these CVs' rows (profiles, texts, decisions, views and
 * counters cascade), drops their profile events still in the outbox and writes a tombstone for
 * each indexed CV on the compacted cvs.profile.changed.v1, ordered after any earlier profile event
 * of the CV: the index drops the document, and compaction then removes every record of the CV,
 * the tombstone itself after the topic's delete.retention.ms — nothing of the CV stays on the
 * topic (a `deleted` marker would have kept its id there for ever). `extra` events go out with
 * them. Shared by the erasure on request and the retention expiry. Returns how many CV rows were
 * deleted.
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
  // Published ones go too: the tombstones below supersede them on the topic.
  await tx.query(`DELETE FROM outbox WHERE topic = $1 AND message_key = ANY($2::text[])`, [
    cvProfileChangedV1.topic,
    ids,
  ]);
  const producer = `vigie/${SERVICE_NAME}`;
  const tombstones = cvs
    .filter((cv) => cv.profileVersion !== null)
    .map((cv) => buildTombstone(cvProfileChangedV1, cv.cvId, { producer, occurredAt: at }));
  await outbox.append(tx, [...tombstones, ...extra]);
  return deleted;
}
