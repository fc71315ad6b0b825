import { Injectable } from '@nestjs/common';
import type { CvView } from '@vigie/contracts';
import { DataSource } from 'typeorm';
import { CvViewLedger, CvViewsPage } from './cv-view.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Counters are per day in the candidate's time zone (the platform's: France). */
export const VIEW_DAY_TIME_ZONE = 'Europe/Paris';

@Injectable()
export class PgCvViewLedger extends CvViewLedger {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async record(views: readonly CvView[]): Promise<number> {
    const unique = [...new Map(views.map((v) => [v.viewId, v])).values()];
    if (unique.length === 0) return 0;
    // One statement: only views inserted now (not replays, not views of an erased CV) move the
    // counters, so a redelivered batch, a duplicate or a crash between the two is never counted twice.
    const rows: Array<{ counted: string }> = await this.dataSource.query(
      `WITH v AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[])
           AS t(view_id, cv_id, recruiter_id, company, viewed_at)
       ), inserted AS (
         INSERT INTO cv_views (view_id, cv_id, recruiter_id, company, viewed_at)
         SELECT v.view_id, v.cv_id, v.recruiter_id, v.company, v.viewed_at FROM v JOIN cvs c ON c.id = v.cv_id
         ON CONFLICT (view_id) DO NOTHING
         RETURNING cv_id, viewed_at
       ), counted AS (
         INSERT INTO cv_view_counters (cv_id, day, views)
         SELECT cv_id, (viewed_at AT TIME ZONE $6)::date, count(*) FROM inserted GROUP BY 1, 2
         ON CONFLICT (cv_id, day) DO UPDATE SET views = cv_view_counters.views + EXCLUDED.views
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM inserted) AS counted, (SELECT count(*) FROM counted) AS days`,
      [
        unique.map((v) => v.viewId),
        unique.map((v) => v.cvId),
        unique.map((v) => v.recruiterId),
        unique.map((v) => v.company),
        unique.map((v) => v.viewedAt),
        VIEW_DAY_TIME_ZONE,
      ],
    );
    return Number(rows[0]?.counted ?? 0);
  }

  async pageFor(candidateId: string, cvId: string, limit: number): Promise<CvViewsPage | undefined> {
    if (!UUID.test(cvId)) return undefined;
    const owned: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM cvs WHERE id = $1 AND candidate_id = $2`,
      [cvId, candidateId],
    );
    if (owned.length === 0) return undefined;
    const days: Array<{ day: string; views: number }> = await this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, views FROM cv_view_counters WHERE cv_id = $1 ORDER BY day DESC LIMIT 400`,
      [cvId],
    );
    const viewers: Array<{ company: string; viewed_at: Date }> = await this.dataSource.query(
      `SELECT company, viewed_at FROM cv_views WHERE cv_id = $1 ORDER BY viewed_at DESC, view_id LIMIT $2`,
      [cvId, limit],
    );
    return {
      cvId,
      days,
      viewers: viewers.map((v) => ({ company: v.company, viewedAt: v.viewed_at.toISOString() })),
    };
  }
}
