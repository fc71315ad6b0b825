import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { normaliseAddress, SuppressionList, SuppressionSource } from './suppression-list.port';

const hashOf = (address: string) => createHash('sha256').update(normaliseAddress(address)).digest('hex');

@Injectable()
export class PgSuppressionList extends SuppressionList {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async suppressedAmong(addresses: readonly string[]): Promise<Set<string>> {
    if (addresses.length === 0) return new Set();
    const byHash = new Map(addresses.map((a) => [hashOf(a), normaliseAddress(a)]));
    const rows: Array<{ address_hash: string }> = await this.dataSource.query(
      `SELECT address_hash FROM suppressed_addresses WHERE address_hash = ANY($1::text[])`,
      [[...byHash.keys()]],
    );
    return new Set(rows.map((r) => byHash.get(r.address_hash)!));
  }

  async suppress(address: string, reason: string, source: SuppressionSource): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO suppressed_addresses (address_hash, reason, source) VALUES ($1, $2, $3)
       ON CONFLICT (address_hash) DO NOTHING`,
      [hashOf(address), reason.slice(0, 500), source],
    );
  }
}
