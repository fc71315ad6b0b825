import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ParsingDecision } from '../parsing/build-profile';
import { SuggestionLog } from './suggested-alert.port';

@Injectable()
export class PgSuggestionLog extends SuggestionLog {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async record(cvId: string, decisions: readonly ParsingDecision[], at: Date): Promise<void> {
    if (decisions.length === 0) return;
    await this.dataSource.transaction(async (tx) => {
      // Concurrent clicks on one CV record their lines one after the other, so each is told once;
      // NO KEY UPDATE leaves the CV's other rows (which reference it) free to be written.
      const cv: unknown[] = await tx.query(`SELECT id FROM cvs WHERE id = $1 FOR NO KEY UPDATE`, [cvId]);
      if (cv.length === 0) return;
      await tx.query(
        `INSERT INTO cv_decisions (cv_id, step, field, action, at)
         SELECT $1, d.step, d.field, d.action, $5
         FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS d(step, field, action, n)
         WHERE NOT EXISTS (SELECT 1 FROM cv_decisions x
                           WHERE x.cv_id = $1 AND x.step = d.step AND x.field = d.field AND x.action = d.action)
         ORDER BY d.n`,
        [
          cvId,
          decisions.map((d) => d.step),
          decisions.map((d) => d.field),
          decisions.map((d) => d.action),
          at,
        ],
      );
    });
  }
}
