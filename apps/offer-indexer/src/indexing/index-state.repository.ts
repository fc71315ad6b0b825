import { Injectable } from '@nestjs/common';
import { OfferStatus } from '@vigie/contracts';
import { DataSource } from 'typeorm';

export interface IndexedVersion {
  offerId: string;
  version: number;
  status: OfferStatus;
}

/**
 * Port: the highest version of each offer known to be in the index. It lets operators reconcile
 * the index with the offers database (I1, I6) without scanning the index.
 */
export abstract class IndexStateRepository {
  abstract record(versions: readonly IndexedVersion[]): Promise<void>;
}

@Injectable()
export class PgIndexStateRepository extends IndexStateRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async record(versions: readonly IndexedVersion[]): Promise<void> {
    if (versions.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO offer_index_state (offer_id, version, status)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[])
       ON CONFLICT (offer_id) DO UPDATE
         SET version = EXCLUDED.version, status = EXCLUDED.status, indexed_at = now()
         WHERE offer_index_state.version < EXCLUDED.version`,
      [versions.map((v) => v.offerId), versions.map((v) => v.version), versions.map((v) => v.status)],
    );
  }
}
