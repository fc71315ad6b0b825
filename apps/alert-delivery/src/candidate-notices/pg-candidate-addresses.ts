import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { normaliseAddress } from '../suppression/suppression-list.port';
import { AddressChange, CandidateAddresses } from './candidate-addresses.port';

@Injectable()
export class PgCandidateAddresses extends CandidateAddresses {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async apply(changes: readonly AddressChange[]): Promise<void> {
    if (changes.length === 0) return;
    // The last change of each candidate in the batch decides (the topic keeps them in order); an
    // address announced before the candidate's erasure and read after it is refused.
    const last = new Map(changes.map((c) => [c.candidateId, c]));
    const kept = [...last.values()];
    const addresses = kept.filter((c) => c.kind === 'address');
    const gone = kept.filter((c) => c.kind === 'tombstone').map((c) => c.candidateId);
    await this.dataSource.transaction(async (tx) => {
      if (gone.length > 0)
        await tx.query(`DELETE FROM candidate_addresses WHERE candidate_id = ANY($1::text[])`, [gone]);
      if (addresses.length > 0)
        await tx.query(
          `INSERT INTO candidate_addresses (candidate_id, email, changed_at)
           SELECT c, e, at FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS t(c, e, at)
           WHERE NOT EXISTS (SELECT 1 FROM erased_candidates x
                             WHERE x.candidate_sha256 = sha256(convert_to(t.c, 'UTF8')) AND x.erased_at >= t.at)
           ON CONFLICT (candidate_id) DO UPDATE SET email = EXCLUDED.email, changed_at = EXCLUDED.changed_at
           WHERE candidate_addresses.changed_at <= EXCLUDED.changed_at`,
          [
            addresses.map((a) => a.candidateId),
            addresses.map((a) => normaliseAddress(a.email)),
            addresses.map((a) => a.changedAt),
          ],
        );
    });
  }

  async addressesOf(candidateIds: readonly string[]): Promise<Map<string, string>> {
    if (candidateIds.length === 0) return new Map();
    const rows: Array<{ candidate_id: string; email: string }> = await this.dataSource.query(
      `SELECT candidate_id, email FROM candidate_addresses WHERE candidate_id = ANY($1::text[])`,
      [[...new Set(candidateIds)]],
    );
    return new Map(rows.map((r) => [r.candidate_id, r.email]));
  }
}
