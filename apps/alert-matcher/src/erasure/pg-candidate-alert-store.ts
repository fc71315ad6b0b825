import { Injectable } from '@nestjs/common';
import { alertChangedV1, erasureConfirmedV1, TOPICS } from '@vigie/contracts';
import { UnitOfWork } from '@vigie/database';
import { buildEvent, buildTombstone, OutboxWriter } from '@vigie/messaging';
import { SERVICE_NAME } from '../config';
import { CandidateAlertStore, ErasedAlerts } from './candidate-alerts.port';

@Injectable()
export class PgCandidateAlertStore extends CandidateAlertStore {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: OutboxWriter,
  ) {
    super();
  }

  eraseAndConfirm(candidateId: string, erasureId: string, at: Date): Promise<ErasedAlerts> {
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
      // Published rows too (kept for inspection until OUTBOX_RETENTION_MS): they carry the address
      // and the alert. Rows a relay holds are waited for, so they reach Kafka before the tombstones.
      const [, outboxEvents]: [unknown, number] = await manager.query(
        `DELETE FROM outbox
         WHERE (topic = ANY($1::text[]) AND message_key = ANY($2::text[]))
            OR (topic = ANY($3::text[]) AND message_key = $4)`,
        [
          [TOPICS.alertChanged, TOPICS.matchCreated],
          alertIds,
          [TOPICS.matchCreatedV2, TOPICS.matchWithdrawn],
          candidateId,
        ],
      );
      const erased: ErasedAlerts = { alertIds, matches, outboxEvents };
      await this.outbox.append(manager, [
        ...alertIds.map((id) => buildTombstone(alertChangedV1, id, { producer, occurredAt: at })),
        buildEvent(
          erasureConfirmedV1,
          {
            erasureId,
            service: SERVICE_NAME,
            confirmedAt: at.toISOString(),
            erased: { alerts: alertIds.length, matches, outboxEvents },
          },
          { producer, occurredAt: at },
        ),
      ]);
      return erased;
    });
  }
}
