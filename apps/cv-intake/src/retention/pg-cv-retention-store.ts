import { Injectable } from '@nestjs/common';
import { cvRetentionWarningCreatedV1 } from '@vigie/contracts';
import { buildEvent, OutboxWriter } from '@vigie/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { SERVICE_NAME } from '../config';
import { CandidateSealer } from '../cv-emails/candidate-sealer';
import { nameBasedUuid } from '../cvs/name-based-uuid';
import { deleteCvRows } from '../erasure/delete-cv-rows';
import { CvRetentionStore, ExpiredCandidate, InactiveCandidate, RetentionStatus } from './cv-retention.port';

/** A candidate's last activity: their latest CV upload or extension (NULLs ignored by greatest). */
const ACTIVITY = `
  SELECT c.candidate_id, greatest(max(c.created_at), max(r.extended_at)) AS last_active,
         count(*)::int AS cv_count, max(r.warned_at) AS warned_at, max(r.warned_for) AS warned_for,
         max(r.erases_at) AS erases_at, max(r.erasing_at) AS erasing_at
  FROM cvs c LEFT JOIN cv_retention r ON r.candidate_id = c.candidate_id`;

interface ActivityRow {
  candidate_id: string;
  last_active: Date;
  cv_count: number;
  warned_at: Date | null;
  warned_for: Date | null;
  erases_at: Date | null;
  erasing_at: Date | null;
}

/** One warning per candidate and period of inactivity. */
export function warningIdOf(candidateId: string, lastActiveAt: Date): string {
  return nameBasedUuid(`${candidateId}\n${lastActiveAt.toISOString()}`);
}

@Injectable()
export class PgCvRetentionStore extends CvRetentionStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly sealer: CandidateSealer,
  ) {
    super();
  }

  async dueWarnings(lastActiveBefore: Date, limit: number): Promise<InactiveCandidate[]> {
    const rows: ActivityRow[] = await this.dataSource.query(
      `SELECT * FROM (${ACTIVITY} GROUP BY c.candidate_id) a
       WHERE a.last_active <= $1 AND a.warned_for IS DISTINCT FROM a.last_active AND a.erasing_at IS NULL
       ORDER BY a.last_active LIMIT $2`,
      [lastActiveBefore, limit],
    );
    return rows.map((r) => ({
      candidateId: r.candidate_id,
      lastActiveAt: r.last_active,
      cvCount: r.cv_count,
    }));
  }

  async recordWarning(candidate: InactiveCandidate, warnedAt: Date, erasesAt: Date): Promise<boolean> {
    const sealed = await this.sealer.seal({
      candidateId: candidate.candidateId,
      lastActiveAt: candidate.lastActiveAt.toISOString(),
      erasesAt: erasesAt.toISOString(),
      cvCount: candidate.cvCount,
    });
    return this.dataSource.transaction(async (tx) => {
      // Serialises with an extension of the same candidate; then the activity is read again.
      await tx.query(
        `INSERT INTO cv_retention (candidate_id) VALUES ($1) ON CONFLICT (candidate_id) DO NOTHING`,
        [candidate.candidateId],
      );
      await tx.query(`SELECT 1 FROM cv_retention WHERE candidate_id = $1 FOR UPDATE`, [
        candidate.candidateId,
      ]);
      const now = await this.activityOf(tx, candidate.candidateId);
      if (!now || now.last_active.getTime() !== candidate.lastActiveAt.getTime()) return false;
      if (now.warned_for?.getTime() === now.last_active.getTime()) return false;
      await tx.query(
        `UPDATE cv_retention SET warned_at = $2, warned_for = $3, erases_at = $4 WHERE candidate_id = $1`,
        [candidate.candidateId, warnedAt, candidate.lastActiveAt, erasesAt],
      );
      await this.outbox.append(tx, [
        buildEvent(
          cvRetentionWarningCreatedV1,
          {
            warningId: warningIdOf(candidate.candidateId, candidate.lastActiveAt),
            createdAt: warnedAt.toISOString(),
            sealed,
          },
          { producer: `vigie/${SERVICE_NAME}`, occurredAt: warnedAt },
        ),
      ]);
      return true;
    });
  }

  claimErasures(now: Date, limit: number): Promise<ExpiredCandidate[]> {
    return this.dataSource.transaction(async (tx) => {
      const due: ActivityRow[] = await tx.query(
        `SELECT * FROM (${ACTIVITY} GROUP BY c.candidate_id) a
         WHERE a.erasing_at IS NOT NULL OR (a.warned_for = a.last_active AND a.erases_at <= $1)
         ORDER BY a.erases_at LIMIT $2`,
        [now, limit],
      );
      if (due.length === 0) return [];
      const ids = due.map((d) => d.candidate_id);
      // Claimed with the row locked: an extension committed since the read voids the claim.
      // An UPDATE … RETURNING answers [rows, count].
      const [claimed]: [Array<{ candidate_id: string; warned_at: Date; warned_for: Date }>, number] =
        await tx.query(
          `UPDATE cv_retention r SET erasing_at = coalesce(r.erasing_at, $2)
         WHERE r.candidate_id = ANY($1::text[])
           AND (r.erasing_at IS NOT NULL OR r.extended_at IS NULL OR r.extended_at <= r.warned_for)
         RETURNING r.candidate_id, r.warned_at, r.warned_for`,
          [ids, now],
        );
      const cvs: Array<{
        candidate_id: string;
        id: string;
        storage_key: string | null;
        version: number | null;
      }> = await tx.query(
        `SELECT c.candidate_id, c.id, c.storage_key, p.version
           FROM cvs c JOIN unnest($1::text[], $2::timestamptz[]) AS w(candidate_id, warned_for)
             ON w.candidate_id = c.candidate_id AND c.created_at <= w.warned_for
           LEFT JOIN cv_profiles p ON p.cv_id = c.id ORDER BY c.id`,
        [claimed.map((c) => c.candidate_id), claimed.map((c) => c.warned_for)],
      );
      return claimed.map((c) => ({
        candidateId: c.candidate_id,
        warnedAt: c.warned_at,
        cvs: cvs
          .filter((cv) => cv.candidate_id === c.candidate_id)
          .map((cv) => ({ cvId: cv.id, storageKey: cv.storage_key, profileVersion: cv.version })),
      }));
    });
  }

  deleteExpired(candidate: ExpiredCandidate, at: Date): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const deleted = await deleteCvRows(tx, this.outbox, candidate.cvs, at);
      await tx.query(`DELETE FROM cv_retention WHERE candidate_id = $1`, [candidate.candidateId]);
      // Their views summaries go with their last CV.
      await tx.query(
        `DELETE FROM cv_view_summaries WHERE candidate_id = $1
         AND NOT EXISTS (SELECT 1 FROM cvs WHERE candidate_id = $1)`,
        [candidate.candidateId],
      );
      return deleted;
    });
  }

  async extend(candidateId: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO cv_retention (candidate_id, extended_at) VALUES ($1, $2)
       ON CONFLICT (candidate_id) DO UPDATE
         SET extended_at = greatest(cv_retention.extended_at, EXCLUDED.extended_at)`,
      [candidateId, at],
    );
  }

  async status(candidateId: string): Promise<RetentionStatus> {
    const row = await this.activityOf(this.dataSource.manager, candidateId);
    if (!row) return { lastActiveAt: null, erasesAt: null, warnedAt: null };
    const warned = row.warned_for?.getTime() === row.last_active.getTime();
    return {
      lastActiveAt: row.last_active.toISOString(),
      erasesAt: warned && row.erases_at ? row.erases_at.toISOString() : null,
      warnedAt: warned && row.warned_at ? row.warned_at.toISOString() : null,
    };
  }

  private async activityOf(manager: EntityManager, candidateId: string): Promise<ActivityRow | undefined> {
    const rows: ActivityRow[] = await manager.query(
      `${ACTIVITY} WHERE c.candidate_id = $1 GROUP BY c.candidate_id`,
      [candidateId],
    );
    return rows[0];
  }
}
