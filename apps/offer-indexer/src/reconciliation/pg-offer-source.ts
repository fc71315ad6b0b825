import { OfferChangedV2, OfferChangedV2Schema, OfferStatus } from '@vigie/contracts';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { OfferSource, SourceVersion } from './offer-source.port';

interface VersionRow {
  id: string;
  version: number;
  status: OfferStatus;
  updated_at: Date;
}

interface SnapshotRow extends VersionRow {
  recruiter_id: string;
  external_ref: string;
  content: Record<string, unknown>;
  published_at: Date;
}

/**
 * offer-ingestion's `offers` table, read only, in its own schema (OFFER_SOURCE_SCHEMA): the source of
 * truth for what the index must hold. The indexer's own `offer_index_state` only says what it
 * wrote, so it cannot see an event that never reached it, nor rebuild a document; this table can
 * do both. The database role needs SELECT on that one table (docs/operations.md).
 */
export class PgOfferSource extends OfferSource {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {
    super();
    if (!/^[a-z_][a-z0-9_]*$/.test(schema))
      throw new Error(`OFFER_SOURCE_SCHEMA: not a schema name: ${schema}`);
    this.table = `"${schema}".offers`;
  }

  async versions(afterId: string | null, limit: number): Promise<SourceVersion[]> {
    const rows: VersionRow[] = await this.dataSource.query(
      `SELECT id, version, status, updated_at FROM ${this.table}
       WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => ({
      offerId: r.id,
      version: r.version,
      status: r.status,
      changedAt: r.updated_at,
    }));
  }

  async snapshots(offerIds: readonly string[]): Promise<OfferChangedV2[]> {
    if (offerIds.length === 0) return [];
    const rows: SnapshotRow[] = await this.dataSource.query(
      `SELECT id, recruiter_id, external_ref, version, status, updated_at, content, published_at
       FROM ${this.table} WHERE id = ANY($1::uuid[])`,
      [offerIds],
    );
    return rows.flatMap((r) => {
      // Validated like any event the indexer consumes: a row the contract refuses is not written.
      const parsed = OfferChangedV2Schema.safeParse({
        offerId: r.id,
        recruiterId: r.recruiter_id,
        externalRef: r.external_ref,
        version: r.version,
        status: r.status,
        changedAt: r.updated_at.toISOString(),
        offer: r.status === 'active' ? { ...r.content, publishedAt: r.published_at.toISOString() } : null,
      });
      if (parsed.success) return [parsed.data];
      this.logger.warn(
        { offerId: r.id, reason: parsed.error.message },
        'offer row does not fit the contract; not repaired',
      );
      return [];
    });
  }
}
