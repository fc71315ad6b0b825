import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CvEmailPreferences } from './cv-email-preferences.port';

@Injectable()
export class PgCvEmailPreferences extends CvEmailPreferences {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async optOut(candidateId: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO cv_email_opt_outs (candidate_id, opted_out_at) VALUES ($1, $2)
       ON CONFLICT (candidate_id) DO NOTHING`,
      [candidateId, at],
    );
  }

  async optedOutAmong(candidateIds: readonly string[]): Promise<Set<string>> {
    if (candidateIds.length === 0) return new Set();
    const rows: Array<{ candidate_id: string }> = await this.dataSource.query(
      `SELECT candidate_id FROM cv_email_opt_outs WHERE candidate_id = ANY($1::text[])`,
      [[...new Set(candidateIds)]],
    );
    return new Set(rows.map((r) => r.candidate_id));
  }
}
