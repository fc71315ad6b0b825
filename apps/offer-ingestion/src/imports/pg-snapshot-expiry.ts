import { Injectable } from '@nestjs/common';
import type { Transaction } from '@vigie/database';
import { DataSource } from 'typeorm';
import type { OfferChange } from '../offers/offer.repository';
import { SnapshotExpiry } from './snapshot-expiry.port';

interface ExpiredRow {
  id: string;
  external_ref: string;
  version: number;
  published_at: Date;
  updated_at: Date;
}

const ABSENT = `o.recruiter_id = $1 AND o.status = 'active'
  AND NOT EXISTS (SELECT 1 FROM import_report r
                  WHERE r.job_id = $2 AND r.external_ref = o.external_ref AND r.position IS NOT NULL)`;

@Injectable()
export class PgSnapshotExpiry extends SnapshotExpiry {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async countLive(recruiterId: string): Promise<number> {
    const rows: Array<{ n: string }> = await this.dataSource.query(
      `SELECT count(*) AS n FROM offers WHERE recruiter_id = $1 AND status = 'active'`,
      [recruiterId],
    );
    return Number(rows[0]!.n);
  }

  async countAbsent(recruiterId: string, jobId: string): Promise<number> {
    const rows: Array<{ n: string }> = await this.dataSource.query(
      `SELECT count(*) AS n FROM offers o WHERE ${ABSENT}`,
      [recruiterId, jobId],
    );
    return Number(rows[0]!.n);
  }

  async expireAbsent(
    tx: Transaction,
    recruiterId: string,
    jobId: string,
    limit: number,
    now: Date,
  ): Promise<OfferChange[]> {
    const result: [ExpiredRow[], number] = await tx.manager.query(
      `UPDATE offers u SET status = 'expired', version = u.version + 1, updated_at = $4
       FROM (SELECT o.id FROM offers o WHERE ${ABSENT} ORDER BY o.id LIMIT $3 FOR UPDATE SKIP LOCKED) due
       WHERE u.id = due.id
       RETURNING u.id, u.external_ref, u.version, u.published_at, u.updated_at`,
      [recruiterId, jobId, limit, now],
    );
    // TypeORM returns [rows, count] for UPDATE … RETURNING.
    return result[0].map((row) => ({
      offerId: row.id,
      externalRef: row.external_ref,
      version: row.version,
      status: 'expired',
      content: null,
      publishedAt: row.published_at,
      changedAt: row.updated_at,
      created: false,
    }));
  }
}
