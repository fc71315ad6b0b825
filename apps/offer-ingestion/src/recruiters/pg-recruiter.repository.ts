import { Injectable, Optional } from '@nestjs/common';
import { OutboxWriter } from '@vigie/messaging';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { apiKeyPrefix, hashApiKey, IssuedApiKey } from './api-key';
import { appendAccountSnapshot } from './recruiter-account-events';
import {
  AuthenticatedRecruiter,
  DisableOutcome,
  Recruiter,
  RecruiterRepository,
} from './recruiter.repository';

interface KeyRow {
  id: string;
  name: string;
  api_key_hash: Buffer;
  current: boolean;
}

@Injectable()
export class PgRecruiterRepository extends RecruiterRepository {
  private readonly outbox: OutboxWriter;

  /** Every account change also goes out as `recruiters.account.changed.v1` (cv-intake authenticates with it). */
  constructor(
    private readonly dataSource: DataSource,
    @Optional() outbox?: OutboxWriter,
  ) {
    super();
    this.outbox =
      outbox ?? new OutboxWriter((dataSource.options as PostgresConnectionOptions).schema ?? 'public');
  }

  async create(name: string, key: IssuedApiKey): Promise<Recruiter> {
    return this.dataSource.transaction(async (tx) => {
      const rows: Recruiter[] = await tx.query(
        `INSERT INTO recruiters (name, api_key_prefix, api_key_hash) VALUES ($1, $2, $3) RETURNING id, name, created_at`,
        [name, key.prefix, key.hash],
      );
      const row = rows[0] as Recruiter & { created_at: Date };
      await appendAccountSnapshot(tx, this.outbox, row.id, row.created_at);
      return { id: row.id, name: row.name };
    });
  }

  async findByApiKey(key: string, now: Date): Promise<AuthenticatedRecruiter | null> {
    const prefix = apiKeyPrefix(key);
    if (!prefix) return null;
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT id, name, api_key_hash, true AS current FROM recruiters
       WHERE api_key_prefix = $1 AND disabled_at IS NULL
       UNION ALL
       SELECT r.id, r.name, k.api_key_hash, false FROM retired_api_keys k JOIN recruiters r ON r.id = k.recruiter_id
       WHERE k.api_key_prefix = $1 AND k.valid_until > $2 AND r.disabled_at IS NULL`,
      [prefix, now],
    );
    const row = rows[0];
    if (!row || !timingSafeEqual(row.api_key_hash, hashApiKey(key))) return null;
    return { id: row.id, name: row.name, keyPrefix: prefix, key: row.current ? 'current' : 'retired' };
  }

  async rotateKey(recruiterId: string, key: IssuedApiKey, now: Date, retiredUntil: Date): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      // One statement: the old key is retired and the new one installed atomically (row locked).
      const rows: Array<{ id: string }> = await tx.query(
        `WITH old AS (
         SELECT id, api_key_prefix, api_key_hash FROM recruiters
         WHERE id = $1 AND disabled_at IS NULL FOR UPDATE),
       retired AS (
         INSERT INTO retired_api_keys (api_key_prefix, api_key_hash, recruiter_id, retired_at, valid_until)
         SELECT api_key_prefix, api_key_hash, id, $4, $5 FROM old)
       UPDATE recruiters r SET api_key_prefix = $2, api_key_hash = $3, key_rotated_at = $4
       FROM old WHERE r.id = old.id RETURNING r.id`,
        [recruiterId, key.prefix, key.hash, now, retiredUntil],
      );
      // TypeORM returns [rows, count] for UPDATE … RETURNING.
      const updated = (Array.isArray(rows[0]) ? rows[0] : rows) as Array<{ id: string }>;
      if (updated.length !== 1) return false;
      await appendAccountSnapshot(tx, this.outbox, recruiterId, now);
      return true;
    });
  }

  async disable(recruiterId: string, now: Date): Promise<DisableOutcome> {
    const rows: Array<{ was_disabled: boolean }> = await this.dataSource.query(
      `SELECT disabled_at IS NOT NULL AS was_disabled FROM recruiters WHERE id = $1`,
      [recruiterId],
    );
    if (!rows[0]) return 'not-found';
    if (rows[0].was_disabled) return 'already-disabled';
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE recruiters SET disabled_at = $2 WHERE id = $1 AND disabled_at IS NULL`, [
        recruiterId,
        now,
      ]);
      await appendAccountSnapshot(tx, this.outbox, recruiterId, now);
    });
    return 'disabled';
  }
}
