import { Injectable } from '@nestjs/common';
import { type ErasureConfirmedV1, erasureRequestedV1 } from '@vigie/contracts';
import { buildEvent, OutboxWriter } from '@vigie/messaging';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SERVICE_NAME } from '../config';
import { ErasureLedger, ErasureReceipt } from './erasure.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const candidateHash = (candidateId: string) => createHash('sha256').update(candidateId).digest();

@Injectable()
export class PgErasureLedger extends ErasureLedger {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {
    super();
  }

  async request(
    candidateId: string,
    erasureId: string,
    services: readonly string[],
    at: Date,
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO erasures (erasure_id, candidate_sha256, services, requested_at) VALUES ($1, $2, $3, $4)`,
        [erasureId, candidateHash(candidateId), services, at],
      );
      const event = buildEvent(
        erasureRequestedV1,
        { erasureId, candidateId, requestedAt: at.toISOString(), services: [...services] },
        { producer: `vigie/${SERVICE_NAME}`, occurredAt: at },
      );
      await this.outbox.append(tx, [event]);
    });
  }

  async confirm(confirmations: readonly ErasureConfirmedV1[]): Promise<void> {
    if (confirmations.length === 0) return;
    await this.dataSource.transaction(async (tx) => {
      // Only confirmations of known erasures; the first one of each service is kept.
      await tx.query(
        `INSERT INTO erasure_confirmations (erasure_id, service, confirmed_at, erased)
         SELECT c.erasure_id, c.service, c.confirmed_at, c.erased
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::jsonb[]) AS c(erasure_id, service, confirmed_at, erased)
         JOIN erasures e ON e.erasure_id = c.erasure_id
         ON CONFLICT (erasure_id, service) DO NOTHING`,
        [
          confirmations.map((c) => c.erasureId),
          confirmations.map((c) => c.service),
          confirmations.map((c) => c.confirmedAt),
          confirmations.map((c) => JSON.stringify(c.erased)),
        ],
      );
      await tx.query(
        `UPDATE erasures e SET completed_at = (
           SELECT max(confirmed_at) FROM erasure_confirmations c WHERE c.erasure_id = e.erasure_id)
         WHERE e.erasure_id = ANY($1::uuid[]) AND e.completed_at IS NULL
           AND NOT EXISTS (
             SELECT 1 FROM unnest(e.services) AS s(service)
             WHERE NOT EXISTS (
               SELECT 1 FROM erasure_confirmations c WHERE c.erasure_id = e.erasure_id AND c.service = s.service))`,
        [[...new Set(confirmations.map((c) => c.erasureId))]],
      );
    });
  }

  async receipt(candidateId: string, erasureId: string): Promise<ErasureReceipt | undefined> {
    if (!UUID.test(erasureId)) return undefined;
    const rows: Array<{ services: string[]; requested_at: Date; completed_at: Date | null }> =
      await this.dataSource.query(
        `SELECT services, requested_at, completed_at FROM erasures WHERE erasure_id = $1 AND candidate_sha256 = $2`,
        [erasureId, candidateHash(candidateId)],
      );
    const row = rows[0];
    if (!row) return undefined;
    const confirmations: Array<{ service: string; confirmed_at: Date; erased: Record<string, number> }> =
      await this.dataSource.query(
        `SELECT service, confirmed_at, erased FROM erasure_confirmations WHERE erasure_id = $1 ORDER BY confirmed_at, service`,
        [erasureId],
      );
    return {
      erasureId,
      requestedAt: row.requested_at.toISOString(),
      services: row.services,
      confirmations: confirmations.map((c) => ({
        service: c.service,
        confirmedAt: c.confirmed_at.toISOString(),
        erased: c.erased,
      })),
      status: row.completed_at ? 'complete' : 'pending',
      completedAt: row.completed_at ? row.completed_at.toISOString() : null,
    };
  }
}
