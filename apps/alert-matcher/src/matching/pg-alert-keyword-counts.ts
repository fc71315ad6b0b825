import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AlertKeywordCounts } from './alert-keyword-counts.port';
import type { KeywordCount } from './alert-term-frequencies';

/** One grouped scan of `alerts`: a few thousand distinct texts even for a million alerts. */
@Injectable()
export class PgAlertKeywordCounts extends AlertKeywordCounts {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async activeKeywordCounts(): Promise<KeywordCount[]> {
    const rows: Array<{ q: string | null; alerts: number }> = await this.dataSource.query(
      `SELECT criteria->>'q' AS q, count(*)::int AS alerts FROM alerts WHERE status = 'active' GROUP BY 1`,
    );
    return rows.map((r) => ({ q: r.q, alerts: r.alerts }));
  }
}
