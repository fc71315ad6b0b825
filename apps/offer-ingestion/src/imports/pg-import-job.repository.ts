import { Injectable } from '@nestjs/common';
import type { Transaction } from '@vigie/database';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Finding } from '../quality/screening/finding';
import type { FeedFormat } from './formats/feed-format';
import type {
  ImportHold,
  ImportJob,
  ImportMode,
  ImportOutcome,
  ImportSource,
  ImportStatus,
} from './import-job';
import {
  BatchProgress,
  ClaimedImport,
  ConfirmOutcome,
  ImportJobRepository,
  NewImportJob,
  ReportPage,
} from './import-job.repository.port';

interface JobRow {
  id: string;
  recruiter_id: string;
  format: FeedFormat;
  mode: ImportMode;
  status: ImportStatus;
  source: ImportSource;
  expected_count: number | null;
  bytes_total: string | null;
  bytes_read: string;
  items_read: number;
  added: number;
  updated: number;
  unchanged: number;
  expired: number;
  rejected: number;
  checkpoint: number;
  attempts: number;
  parsed_to_end: boolean;
  expiry_confirmed: boolean;
  hold: ImportHold | null;
  error_code: string | null;
  error_message: string | null;
  created_at: Date;
  received_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Date;
}

interface ReportRow {
  seq: string;
  position: number | null;
  external_ref: string | null;
  outcome: ImportOutcome;
  reason_code: string | null;
  field_errors: Array<{ field: string; reason: string }> | null;
  offer_id: string | null;
  findings: Finding[] | null;
}

const COLUMNS = `id, recruiter_id, format, mode, status, source, expected_count, bytes_total, bytes_read,
  items_read, added, updated, unchanged, expired, rejected, checkpoint, attempts, parsed_to_end, expiry_confirmed,
  hold, error_code, error_message, created_at, received_at, started_at, finished_at, updated_at`;

function toJob(r: JobRow): ImportJob {
  return {
    id: r.id,
    recruiterId: r.recruiter_id,
    format: r.format,
    mode: r.mode,
    status: r.status,
    source: r.source,
    expectedCount: r.expected_count,
    bytesTotal: r.bytes_total === null ? null : Number(r.bytes_total),
    bytesRead: Number(r.bytes_read),
    counters: {
      itemsRead: r.items_read,
      added: r.added,
      updated: r.updated,
      unchanged: r.unchanged,
      expired: r.expired,
      rejected: r.rejected,
    },
    checkpoint: r.checkpoint,
    attempts: r.attempts,
    parsedToEnd: r.parsed_to_end,
    expiryConfirmed: r.expiry_confirmed,
    hold: r.hold,
    error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
    createdAt: r.created_at,
    receivedAt: r.received_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    updatedAt: r.updated_at,
  };
}

/** TypeORM returns [rows, count] for UPDATE/DELETE … RETURNING. */
function returned<T>(result: unknown): T[] {
  const rows = result as unknown[];
  return (Array.isArray(rows[0]) ? rows[0] : rows) as T[];
}

@Injectable()
export class PgImportJobRepository extends ImportJobRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async create(job: NewImportJob): Promise<ImportJob> {
    const rows: JobRow[] = await this.dataSource.query(
      `INSERT INTO import_jobs (recruiter_id, format, mode, status, source, expected_count, created_at, updated_at)
       VALUES ($1, $2, $3, 'receiving', $4, $5, $6, $6) RETURNING ${COLUMNS}`,
      [job.recruiterId, job.format, job.mode, JSON.stringify(job.source), job.expectedCount, job.createdAt],
    );
    return toJob(rows[0]!);
  }

  async markQueued(id: string, bytesTotal: number, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE import_jobs SET status = 'queued', bytes_total = $2, received_at = $3, updated_at = $3
       WHERE id = $1 AND status = 'receiving'`,
      [id, bytesTotal, at],
    );
  }

  async markFailed(
    id: string,
    error: { code: string; message: string },
    at: Date,
    claim?: ClaimedImport,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE import_jobs SET status = 'failed', error_code = $2, error_message = $3, finished_at = $4,
         updated_at = $4, lease_token = NULL, lease_until = NULL
       WHERE id = $1 AND status NOT IN ('completed', 'failed') AND ($5::uuid IS NULL OR lease_token = $5)`,
      [id, error.code, error.message.slice(0, 1_000), at, claim?.leaseToken ?? null],
    );
  }

  async find(recruiterId: string, id: string): Promise<ImportJob | null> {
    const rows: JobRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM import_jobs WHERE id = $1 AND recruiter_id = $2`,
      [id, recruiterId],
    );
    return rows[0] ? toJob(rows[0]) : null;
  }

  async claim(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedImport[]> {
    const token = randomUUID();
    const result: unknown = await this.dataSource.query(
      `UPDATE import_jobs j SET status = 'running', lease_token = $3, lease_until = $2, attempts = j.attempts + 1,
         started_at = coalesce(j.started_at, $1), updated_at = $1
       FROM (SELECT id FROM import_jobs
             WHERE status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until <= $1)
             ORDER BY created_at LIMIT $4 FOR UPDATE SKIP LOCKED) due
       WHERE j.id = due.id
       RETURNING ${COLUMNS.split(',')
         .map((c) => `j.${c.trim()}`)
         .join(', ')}`,
      [now, leaseUntil, token, limit],
    );
    return returned<JobRow>(result).map((r) => ({ job: toJob(r), leaseToken: token }));
  }

  async commitBatch(tx: Transaction, claim: ClaimedImport, p: BatchProgress): Promise<boolean> {
    const c = p.counters;
    const kept = returned<{ id: string }>(
      await tx.manager.query(
        `UPDATE import_jobs SET checkpoint = greatest(checkpoint, $3), bytes_read = greatest(bytes_read, $4),
           items_read = items_read + $5, added = added + $6, updated = updated + $7,
           unchanged = unchanged + $8, expired = expired + $9, rejected = rejected + $10,
           lease_until = $11, updated_at = $12
         WHERE id = $1 AND lease_token = $2 RETURNING id`,
        [
          claim.job.id,
          claim.leaseToken,
          p.checkpoint,
          p.bytesRead,
          c.itemsRead,
          c.added,
          c.updated,
          c.unchanged,
          c.expired,
          c.rejected,
          p.leaseUntil,
          p.now,
        ],
      ),
    );
    if (kept.length === 0) return false;
    if (p.rows.length > 0) {
      await tx.manager.query(
        `INSERT INTO import_report (job_id, seq, position, external_ref, outcome, reason_code, field_errors, offer_id,
           findings)
         SELECT $1, * FROM unnest($2::bigint[], $3::int[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::uuid[],
           $9::jsonb[])`,
        [
          claim.job.id,
          p.rows.map((r) => r.seq),
          p.rows.map((r) => r.position),
          p.rows.map((r) => r.externalRef),
          p.rows.map((r) => r.outcome),
          p.rows.map((r) => r.reasonCode),
          p.rows.map((r) => (r.fieldErrors ? JSON.stringify(r.fieldErrors) : null)),
          p.rows.map((r) => r.offerId),
          p.rows.map((r) => (r.findings ? JSON.stringify(r.findings) : null)),
        ],
      );
    }
    return true;
  }

  async markParsed(
    claim: ClaimedImport,
    at: Date,
    progress: { bytesRead: number; expectedCount: number | null },
  ): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      `UPDATE import_jobs SET parsed_to_end = true, bytes_read = greatest(bytes_read, $3),
         expected_count = coalesce(expected_count, $4), updated_at = $5
       WHERE id = $1 AND lease_token = $2 RETURNING id`,
      [claim.job.id, claim.leaseToken, progress.bytesRead, progress.expectedCount, at],
    );
    return returned(result).length > 0;
  }

  async hold(claim: ClaimedImport, hold: ImportHold, at: Date): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      `UPDATE import_jobs SET status = 'held', hold = $3, updated_at = $4, lease_token = NULL, lease_until = NULL
       WHERE id = $1 AND lease_token = $2 RETURNING id`,
      [claim.job.id, claim.leaseToken, JSON.stringify(hold), at],
    );
    return returned(result).length > 0;
  }

  async complete(claim: ClaimedImport, at: Date): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      `UPDATE import_jobs SET status = 'completed', finished_at = $3, updated_at = $3,
         lease_token = NULL, lease_until = NULL
       WHERE id = $1 AND lease_token = $2 RETURNING id`,
      [claim.job.id, claim.leaseToken, at],
    );
    return returned(result).length > 0;
  }

  async release(claim: ClaimedImport): Promise<void> {
    await this.dataSource.query(
      `UPDATE import_jobs SET lease_token = NULL, lease_until = NULL WHERE id = $1 AND lease_token = $2`,
      [claim.job.id, claim.leaseToken],
    );
  }

  async confirmExpiry(recruiterId: string, id: string, at: Date): Promise<ConfirmOutcome> {
    const result: unknown = await this.dataSource.query(
      `UPDATE import_jobs SET status = 'running', expiry_confirmed = true, attempts = 0, updated_at = $3
       WHERE id = $1 AND recruiter_id = $2 AND status = 'held' RETURNING id`,
      [id, recruiterId, at],
    );
    if (returned(result).length > 0) return 'confirmed';
    return (await this.find(recruiterId, id)) ? 'not-held' : 'not-found';
  }

  async report(jobId: string, after: number, limit: number): Promise<ReportPage> {
    const rows: ReportRow[] = await this.dataSource.query(
      `SELECT seq, position, external_ref, outcome, reason_code, field_errors, offer_id, findings FROM import_report
       WHERE job_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [jobId, after, limit + 1],
    );
    const page = rows.slice(0, limit).map((r) => ({
      seq: Number(r.seq),
      position: r.position,
      externalRef: r.external_ref,
      outcome: r.outcome,
      reasonCode: r.reason_code,
      fieldErrors: r.field_errors,
      offerId: r.offer_id,
      findings: r.findings,
    }));
    return { rows: page, next: rows.length > limit ? page.at(-1)!.seq : null };
  }
}
