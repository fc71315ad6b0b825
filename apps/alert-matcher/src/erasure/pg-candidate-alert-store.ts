import { Inject, Injectable } from '@nestjs/common';
import { alertChangedV1, erasureConfirmedV1, TOPICS } from '@vigie/contracts';
import { destroySubjectKeys, SHARED_SUBJECT_KEYS_TABLE, UnitOfWork } from '@vigie/database';
import { SubjectCipher } from '@vigie/kernel';
import { buildEvent, buildTombstone, OutboxWriter } from '@vigie/messaging';
import { SERVICE_NAME } from '../config';
import { CandidateAlertStore, ErasedAlerts } from './candidate-alerts.port';

@Injectable()
export class PgCandidateAlertStore extends CandidateAlertStore {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: OutboxWriter,
    private readonly candidateKeys: SubjectCipher,
    @Inject(SHARED_SUBJECT_KEYS_TABLE) private readonly keysTable: string,
  ) {
    super();
  }

  async eraseAndConfirm(candidateId: string, erasureId: string, at: Date): Promise<ErasedAlerts> {
    const erased = await this.eraseInOneTransaction(candidateId, erasureId, at);
    // The key went in the transaction; this evicts it from this process's cache too.
    await this.candidateKeys.destroy([candidateId]);
    return erased;
  }

  private eraseInOneTransaction(candidateId: string, erasureId: string, at: Date): Promise<ErasedAlerts> {
    const producer = `vigie/${SERVICE_NAME}`;
    return this.unitOfWork.run(async ({ manager }) => {
      // Locked first, so a change of one of them (a click on a link) waits and then finds nothing.
      const alerts: Array<{ id: string }> = await manager.query(
        `SELECT id FROM alerts WHERE candidate_id = $1 ORDER BY id FOR UPDATE`,
        [candidateId],
      );
      const alertIds = alerts.map((a) => a.id);
      const [, matches]: [unknown, number] = await manager.query(
        `DELETE FROM matches WHERE alert_id = ANY($1::uuid[])`,
        [alertIds],
      );
      await manager.query(`DELETE FROM alerts WHERE id = ANY($1::uuid[])`, [alertIds]);
      // The match topics' records are keyed by the candidate's key id (older ones by the candidate id).
      const pseudonyms: Array<{ key_id: string }> = await manager.query(
        `SELECT key_id::text FROM ${this.keysTable} WHERE subject_id = $1`,
        [candidateId],
      );
      // Published rows too (kept for inspection until OUTBOX_RETENTION_MS): they carry the address
      // and the alert. Rows a relay holds are waited for, so they reach Kafka before the tombstones.
      const [, outboxEvents]: [unknown, number] = await manager.query(
        `DELETE FROM outbox
         WHERE (topic = ANY($1::text[]) AND message_key = ANY($2::text[]))
            OR (topic = ANY($3::text[]) AND message_key = ANY($4::text[]))`,
        [
          [TOPICS.alertChanged, TOPICS.matchCreated],
          alertIds,
          [TOPICS.matchCreatedV2, TOPICS.matchWithdrawn],
          [candidateId, ...pseudonyms.map((p) => p.key_id)],
        ],
      );
      // Crypto-shredding: every sealed match or withdrawal of the candidate still on a topic (7 days'
      // retention), in a backup or in another service's hands, is unreadable from this commit on;
      // the tombstone refuses a key to a match sealed by another instance racing this erasure.
      const keys = await destroySubjectKeys(manager, this.keysTable, [candidateId], { tombstones: true });
      const erased: ErasedAlerts = { alertIds, matches, outboxEvents, keys };
      await this.outbox.append(manager, [
        ...alertIds.map((id) => buildTombstone(alertChangedV1, id, { producer, occurredAt: at })),
        buildEvent(
          erasureConfirmedV1,
          {
            erasureId,
            service: SERVICE_NAME,
            confirmedAt: at.toISOString(),
            erased: { alerts: alertIds.length, matches, outboxEvents, keys },
          },
          { producer, occurredAt: at },
        ),
      ]);
      return erased;
    });
  }
}
