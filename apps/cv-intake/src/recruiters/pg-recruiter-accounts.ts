import { Injectable } from '@nestjs/common';
import type { RecruiterAccountChangedV1 } from '@vigie/contracts';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { apiKeyPrefix, apiKeySha256 } from './api-key-format';
import { AuthenticatedRecruiter, RecruiterAccounts } from './recruiter-accounts.port';

interface KeyRow {
  recruiter_id: string;
  name: string;
  sha256: Buffer;
}

@Injectable()
export class PgRecruiterAccounts extends RecruiterAccounts {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async apply(accounts: readonly RecruiterAccountChangedV1[]): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      for (const a of accounts) {
        // Newer snapshots only: a replayed older one changes nothing.
        const applied: Array<{ recruiter_id: string }> = await tx.query(
          `INSERT INTO recruiter_accounts (recruiter_id, name, disabled, changed_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (recruiter_id) DO UPDATE SET name = EXCLUDED.name, disabled = EXCLUDED.disabled,
             changed_at = EXCLUDED.changed_at
           WHERE recruiter_accounts.changed_at <= EXCLUDED.changed_at
           RETURNING recruiter_id`,
          [a.recruiterId, a.name, a.status === 'disabled', a.changedAt],
        );
        if (applied.length === 0) continue;
        await tx.query(`DELETE FROM recruiter_api_keys WHERE recruiter_id = $1`, [a.recruiterId]);
        if (a.keys.length === 0) continue;
        await tx.query(
          `INSERT INTO recruiter_api_keys (prefix, recruiter_id, sha256, valid_until)
           SELECT p, $1, decode(h, 'hex'), v FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS k(p, h, v)
           ON CONFLICT (prefix) DO UPDATE SET recruiter_id = EXCLUDED.recruiter_id, sha256 = EXCLUDED.sha256,
             valid_until = EXCLUDED.valid_until`,
          [
            a.recruiterId,
            a.keys.map((k) => k.prefix),
            a.keys.map((k) => k.sha256),
            a.keys.map((k) => k.validUntil),
          ],
        );
      }
    });
  }

  async findByApiKey(key: string, now: Date): Promise<AuthenticatedRecruiter | null> {
    const prefix = apiKeyPrefix(key);
    if (!prefix) return null;
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT k.recruiter_id, a.name, k.sha256 FROM recruiter_api_keys k
       JOIN recruiter_accounts a ON a.recruiter_id = k.recruiter_id
       WHERE k.prefix = $1 AND NOT a.disabled AND (k.valid_until IS NULL OR k.valid_until > $2)`,
      [prefix, now],
    );
    const row = rows[0];
    if (!row || !timingSafeEqual(row.sha256, apiKeySha256(key))) return null;
    return { recruiterId: row.recruiter_id, company: row.name, keyPrefix: prefix };
  }
}
