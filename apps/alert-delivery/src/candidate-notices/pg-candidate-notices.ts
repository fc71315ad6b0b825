import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CandidateNotice, NewNotice, NoticeContent } from './candidate-notice';
import { CandidateNotices } from './candidate-notices.port';

interface Row {
  notice_key: string;
  candidate_id: string;
  content: NoticeContent;
  received_at: Date;
}

@Injectable()
export class PgCandidateNotices extends CandidateNotices {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async record(notices: readonly NewNotice[]): Promise<number> {
    if (notices.length === 0) return 0;
    // An event older than the candidate's erasure, read after it, is refused.
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO candidate_notices (notice_key, candidate_id, kind, content, received_at, next_attempt_at)
       SELECT k, c, n->>'kind', n, r, r
       FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::timestamptz[], $5::timestamptz[]) AS t(k, c, n, r, o)
       WHERE NOT EXISTS (SELECT 1 FROM erased_candidates e
                         WHERE e.candidate_sha256 = sha256(convert_to(t.c, 'UTF8')) AND e.erased_at >= t.o)
       ON CONFLICT (notice_key) DO NOTHING RETURNING notice_key`,
      [
        notices.map((n) => n.key),
        notices.map((n) => n.candidateId),
        notices.map((n) => JSON.stringify(n.content)),
        notices.map((n) => n.receivedAt),
        notices.map((n) => n.occurredAt),
      ],
    );
    return inserted.length;
  }

  async due(now: Date, limit: number): Promise<CandidateNotice[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT notice_key, candidate_id, content, received_at FROM candidate_notices
       WHERE next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => ({
      key: r.notice_key,
      candidateId: r.candidate_id,
      content: r.content,
      receivedAt: r.received_at,
    }));
  }

  async postpone(keys: readonly string[], until: Date): Promise<void> {
    if (keys.length === 0) return;
    await this.dataSource.query(
      `UPDATE candidate_notices SET next_attempt_at = $2 WHERE notice_key = ANY($1::text[])`,
      [keys, until],
    );
  }

  async remove(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.dataSource.query(`DELETE FROM candidate_notices WHERE notice_key = ANY($1::text[])`, [keys]);
  }
}
