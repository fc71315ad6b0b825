import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { apiKeyPrefix, hashApiKey, IssuedApiKey } from './api-key';

export interface Recruiter {
  id: string;
  name: string;
}

/** Port: recruiter accounts and their API keys. */
export abstract class RecruiterRepository {
  abstract create(name: string, key: IssuedApiKey): Promise<Recruiter>;
  abstract findByApiKey(key: string): Promise<Recruiter | null>;
}

@Injectable()
export class PgRecruiterRepository extends RecruiterRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async create(name: string, key: IssuedApiKey): Promise<Recruiter> {
    const rows: Recruiter[] = await this.dataSource.query(
      `INSERT INTO recruiters (name, api_key_prefix, api_key_hash) VALUES ($1, $2, $3) RETURNING id, name`,
      [name, key.prefix, key.hash],
    );
    return rows[0]!;
  }

  async findByApiKey(key: string): Promise<Recruiter | null> {
    const prefix = apiKeyPrefix(key);
    if (!prefix) return null;
    const rows: Array<Recruiter & { api_key_hash: Buffer }> = await this.dataSource.query(
      `SELECT id, name, api_key_hash FROM recruiters WHERE api_key_prefix = $1 AND disabled_at IS NULL`,
      [prefix],
    );
    const row = rows[0];
    if (!row || !timingSafeEqual(row.api_key_hash, hashApiKey(key))) return null;
    return { id: row.id, name: row.name };
  }
}
