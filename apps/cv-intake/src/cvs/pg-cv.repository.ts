import { Injectable } from '@nestjs/common';
import type { CvProfile } from '@vigie/contracts';
import { OutboxWriter } from '@vigie/messaging';
import type { ParsedProfile, ParsingDecision } from '../parsing/build-profile';
import type { PositionView } from '../parsing/experience';
import { DataSource } from 'typeorm';
import { CvFormat, CvRecord, CvState } from './cv';
import { CvRepository, NewCv, ProcessingOutcome } from './cv.repository';
import { cvProfileChangedEvent } from './cv-profile-events';

interface CvRow {
  id: string;
  candidate_id: string;
  original_name: string;
  format: CvFormat | null;
  media_type: string;
  size_bytes: number;
  storage_key: string | null;
  state: CvState;
  flags: string[];
  anonymised: boolean;
  created_at: Date;
  processed_at: Date | null;
}

const COLUMNS = `id, candidate_id, original_name, format, media_type, size_bytes, storage_key, state, flags,
  anonymised, created_at, processed_at`;

function toRecord(r: CvRow): CvRecord {
  return {
    id: r.id,
    candidateId: r.candidate_id,
    originalName: r.original_name,
    // Rows of the foundation (before uploads) have no format: they were text metadata only.
    format: r.format ?? 'text',
    mediaType: r.media_type,
    sizeBytes: r.size_bytes,
    storageKey: r.storage_key ?? '',
    state: r.state,
    flags: r.flags,
    anonymised: r.anonymised,
    createdAt: r.created_at.toISOString(),
    processedAt: r.processed_at ? r.processed_at.toISOString() : null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class PgCvRepository extends CvRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {
    super();
  }

  async create(cv: NewCv): Promise<CvRecord> {
    const rows: CvRow[] = await this.dataSource.query(
      `INSERT INTO cvs (candidate_id, original_name, format, media_type, size_bytes, storage_key, flags)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [cv.candidateId, cv.originalName, cv.format, cv.mediaType, cv.sizeBytes, cv.storageKey, cv.flags],
    );
    const row = rows[0];
    if (!row) throw new Error('INSERT … RETURNING returned no row');
    return toRecord(row);
  }

  async listForCandidate(candidateId: string): Promise<CvRecord[]> {
    const rows: CvRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM cvs WHERE candidate_id = $1 ORDER BY created_at DESC, id`,
      [candidateId],
    );
    return rows.map(toRecord);
  }

  async findForCandidate(candidateId: string, cvId: string): Promise<CvRecord | undefined> {
    if (!UUID.test(cvId)) return undefined;
    const rows: CvRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM cvs WHERE id = $1 AND candidate_id = $2`,
      [cvId, candidateId],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async claimReceived(limit: number, now: Date, leaseUntil: Date, maxAttempts: number): Promise<CvRecord[]> {
    // A CV whose every attempt crashed the worker (lease expired each time) fails instead of looping.
    await this.dataSource.query(
      `UPDATE cvs SET state = 'failed', processed_at = $1, claimed_until = NULL
       WHERE state = 'received' AND attempts >= $2 AND (claimed_until IS NULL OR claimed_until < $1)`,
      [now, maxAttempts],
    );
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [rows]: [CvRow[], number] = await this.dataSource.query(
      `UPDATE cvs SET claimed_until = $2, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM cvs
         WHERE state = 'received' AND storage_key IS NOT NULL AND attempts < $4
           AND (claimed_until IS NULL OR claimed_until < $1)
         ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [now, leaseUntil, limit, maxAttempts],
    );
    return rows.map(toRecord);
  }

  async findProfile(candidateId: string, cvId: string): Promise<ParsedProfile | undefined> {
    if (!UUID.test(cvId)) return undefined;
    const rows: Array<{ profile: CvProfile; experience: PositionView[] }> = await this.dataSource.query(
      `SELECT p.profile, p.experience FROM cv_profiles p JOIN cvs c ON c.id = p.cv_id
       WHERE p.cv_id = $1 AND c.candidate_id = $2`,
      [cvId, candidateId],
    );
    const row = rows[0];
    if (!row) return undefined;
    const decisions: ParsingDecision[] = await this.dataSource.query(
      `SELECT step, field, action FROM cv_decisions WHERE cv_id = $1 ORDER BY id`,
      [cvId],
    );
    return { profile: row.profile, decisions, experience: row.experience };
  }

  async recordOutcome(cvId: string, outcome: ProcessingOutcome, at: Date): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE cvs SET state = $2, flags = $3, processed_at = $4, claimed_until = NULL WHERE id = $1`,
        [cvId, outcome.state, outcome.flags, at],
      );
      if (outcome.text !== undefined) {
        await tx.query(
          `INSERT INTO cv_texts (cv_id, text) VALUES ($1, $2) ON CONFLICT (cv_id) DO UPDATE SET text = EXCLUDED.text`,
          [cvId, outcome.text],
        );
      }
      if (outcome.parsed) {
        // Each new profile is a new version of the CV's index document, announced in this transaction.
        // The candidate's corrected version, once there is one, wins over any later parse.
        const [saved]: Array<{ version: number; searchable: boolean; profile: CvProfile }> = await tx.query(
          `INSERT INTO cv_profiles (cv_id, profile, parsed_profile, experience, updated_at)
           VALUES ($1, $2, $2, $3, $4)
           ON CONFLICT (cv_id) DO UPDATE SET parsed_profile = EXCLUDED.parsed_profile,
             experience = EXCLUDED.experience, updated_at = EXCLUDED.updated_at,
             profile = CASE WHEN cv_profiles.corrected_at IS NULL THEN EXCLUDED.profile ELSE cv_profiles.profile END,
             version = cv_profiles.version + 1
           RETURNING version, searchable, profile`,
          [cvId, JSON.stringify(outcome.parsed.profile), JSON.stringify(outcome.parsed.experience ?? []), at],
        );
        const profile = saved!.searchable ? saved!.profile : null;
        await this.outbox.append(tx, [cvProfileChangedEvent(cvId, saved!.version, profile, at)]);
        // A retried CV logs its decisions once (the alert suggestions already made stay told).
        await tx.query(`DELETE FROM cv_decisions WHERE cv_id = $1 AND step <> 'suggest'`, [cvId]);
        for (const d of outcome.parsed.decisions) {
          await tx.query(
            `INSERT INTO cv_decisions (cv_id, step, field, action, at) VALUES ($1, $2, $3, $4, $5)`,
            [cvId, d.step, d.field, d.action, at],
          );
        }
      }
    });
  }
}
