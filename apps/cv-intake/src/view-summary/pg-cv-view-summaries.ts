import { Injectable } from '@nestjs/common';
import { cvViewSummaryCreatedV1 } from '@vigie/contracts';
import { buildEvent, OutboxWriter } from '@vigie/messaging';
import { DataSource } from 'typeorm';
import { SERVICE_NAME } from '../config';
import { CandidateSealer } from '../cv-emails/candidate-sealer';
import { nameBasedUuid } from '../cvs/name-based-uuid';
import { CvViewSummaries, ViewSummary } from './cv-view-summaries.port';
import type { ParisWeek } from './paris-week';

/** At most this many companies per e-mail (the contract's bound); the page lists them all. */
const MAX_COMPANIES = 50;

interface Row {
  candidate_id: string;
  week_start: string;
  views: number;
  recruiters: number;
  companies: string[];
}

/** One id per (candidate, week): the delivery ledger sends each summary once. */
export function summaryIdOf(candidateId: string, weekStart: string): string {
  return nameBasedUuid(`cv-view-summary\n${candidateId}\n${weekStart}`);
}

@Injectable()
export class PgCvViewSummaries extends CvViewSummaries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly sealer: CandidateSealer,
  ) {
    super();
  }

  computeWeek(week: ParisWeek, at: Date): Promise<number | null> {
    return this.dataSource.transaction(async (tx) => {
      // The week's marker first: a second replica waits on it, then finds the week done.
      const marked: unknown[] = await tx.query(
        `INSERT INTO cv_view_summary_weeks (week_start, computed_at) VALUES ($1, $2)
         ON CONFLICT (week_start) DO NOTHING RETURNING week_start`,
        [week.weekStart, at],
      );
      if (marked.length === 0) return null;
      // One pass over the week's views (one scan a week, not one per batch).
      const inserted: unknown[] = await tx.query(
        `INSERT INTO cv_view_summaries (candidate_id, week_start, views, recruiters, companies)
         SELECT c.candidate_id, $3, count(*)::int, count(DISTINCT v.recruiter_id)::int,
                (array_agg(DISTINCT v.company ORDER BY v.company))[1:${MAX_COMPANIES}]
         FROM cv_views v JOIN cvs c ON c.id = v.cv_id
         WHERE v.viewed_at >= $1 AND v.viewed_at < $2
         GROUP BY c.candidate_id
         ON CONFLICT (candidate_id, week_start) DO NOTHING RETURNING candidate_id`,
        [week.from, week.to, week.weekStart],
      );
      return inserted.length;
    });
  }

  async unannounced(limit: number): Promise<ViewSummary[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT candidate_id, to_char(week_start, 'YYYY-MM-DD') AS week_start, views, recruiters, companies
       FROM cv_view_summaries WHERE announced_at IS NULL ORDER BY week_start, candidate_id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      candidateId: r.candidate_id,
      weekStart: r.week_start,
      views: r.views,
      recruiters: r.recruiters,
      companies: r.companies,
    }));
  }

  async announce(summaries: readonly ViewSummary[], at: Date): Promise<number> {
    const sealed = await Promise.all(
      summaries.map((s) =>
        this.sealer.seal({
          candidateId: s.candidateId,
          weekStart: s.weekStart,
          recruiterCount: s.recruiters,
          viewCount: s.views,
          companies: s.companies,
        }),
      ),
    );
    return this.dataSource.transaction(async (tx) => {
      // Claimed by the UPDATE: a summary another replica announced meanwhile is not announced twice.
      const [claimed]: [Array<{ candidate_id: string; week_start: string }>, number] = await tx.query(
        `UPDATE cv_view_summaries s SET announced_at = $3
         FROM unnest($1::text[], $2::date[]) AS t(candidate_id, week_start)
         WHERE s.candidate_id = t.candidate_id AND s.week_start = t.week_start AND s.announced_at IS NULL
         RETURNING s.candidate_id, to_char(s.week_start, 'YYYY-MM-DD') AS week_start`,
        [summaries.map((s) => s.candidateId), summaries.map((s) => s.weekStart), at],
      );
      const isClaimed = new Set(claimed.map((c) => `${c.candidate_id}\n${c.week_start}`));
      const events = summaries.flatMap((s, i) =>
        isClaimed.has(`${s.candidateId}\n${s.weekStart}`)
          ? [
              buildEvent(
                cvViewSummaryCreatedV1,
                {
                  summaryId: summaryIdOf(s.candidateId, s.weekStart),
                  createdAt: at.toISOString(),
                  sealed: sealed[i]!,
                },
                { producer: `vigie/${SERVICE_NAME}`, occurredAt: at },
              ),
            ]
          : [],
      );
      await this.outbox.append(tx, events);
      return events.length;
    });
  }

  async forgetBefore(weekStart: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM cv_view_summaries WHERE week_start < $1 AND announced_at IS NOT NULL`,
      [weekStart],
    );
    await this.dataSource.query(`DELETE FROM cv_view_summary_weeks WHERE week_start < $1`, [weekStart]);
  }
}
