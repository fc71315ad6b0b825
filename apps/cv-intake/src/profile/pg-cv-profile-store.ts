import { Injectable } from '@nestjs/common';
import type { CvProfile } from '@vigie/contracts';
import { OutboxWriter } from '@vigie/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { cvProfileChangedEvent } from '../cvs/cv-profile-events';
import type { ParsingDecision } from '../parsing/build-profile';
import { CvProfileStore, ProfileChange } from './cv-profile.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class PgCvProfileStore extends CvProfileStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {
    super();
  }

  async saveCorrection(
    candidateId: string,
    cvId: string,
    profile: CvProfile,
    decisions: readonly ParsingDecision[],
    at: Date,
  ): Promise<ProfileChange | undefined> {
    if (!UUID.test(cvId)) return undefined;
    return this.dataSource.transaction(async (tx) => {
      if (!(await this.lockOwnCv(tx, candidateId, cvId))) return undefined;
      // A CV not parsed yet (or a scan without text) gets its profile from the candidate alone.
      const [saved]: Array<{ version: number; searchable: boolean }> = await tx.query(
        `INSERT INTO cv_profiles (cv_id, profile, updated_at, corrected_at) VALUES ($1, $2, $3, $3)
         ON CONFLICT (cv_id) DO UPDATE SET profile = EXCLUDED.profile, updated_at = EXCLUDED.updated_at,
           corrected_at = EXCLUDED.corrected_at, version = cv_profiles.version + 1
         RETURNING version, searchable`,
        [cvId, JSON.stringify(profile), at],
      );
      await this.outbox.append(tx, [
        cvProfileChangedEvent(cvId, saved!.version, saved!.searchable ? profile : null, at),
      ]);
      for (const d of decisions) {
        await tx.query(
          `INSERT INTO cv_decisions (cv_id, step, field, action, at) VALUES ($1, $2, $3, $4, $5)`,
          [cvId, d.step, d.field, d.action, at],
        );
      }
      return { version: saved!.version, searchable: saved!.searchable };
    });
  }

  async setSearchable(
    candidateId: string,
    cvId: string,
    searchable: boolean,
    at: Date,
  ): Promise<ProfileChange | undefined> {
    if (!UUID.test(cvId)) return undefined;
    return this.dataSource.transaction(async (tx) => {
      if (!(await this.lockOwnCv(tx, candidateId, cvId))) return undefined;
      const [current]: Array<{ version: number; searchable: boolean }> = await tx.query(
        `SELECT version, searchable FROM cv_profiles WHERE cv_id = $1`,
        [cvId],
      );
      if (!current) return undefined;
      // Asking twice for the same state changes nothing and announces nothing.
      if (current.searchable === searchable) return current;
      // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
      const [[saved]]: [Array<{ version: number; profile: CvProfile }>, number] = await tx.query(
        `UPDATE cv_profiles SET searchable = $2, version = version + 1, updated_at = $3 WHERE cv_id = $1
         RETURNING version, profile`,
        [cvId, searchable, at],
      );
      await this.outbox.append(tx, [
        cvProfileChangedEvent(cvId, saved!.version, searchable ? saved!.profile : null, at),
      ]);
      return { version: saved!.version, searchable };
    });
  }

  /** The candidate's CV, locked for the change (so two changes get two versions in order). */
  private async lockOwnCv(tx: EntityManager, candidateId: string, cvId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT id FROM cvs WHERE id = $1 AND candidate_id = $2 FOR UPDATE`,
      [cvId, candidateId],
    );
    return rows.length === 1;
  }
}
