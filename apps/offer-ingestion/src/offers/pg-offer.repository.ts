import { Injectable } from '@nestjs/common';
import { Transaction } from '@vigie/database';
import { DataSource } from 'typeorm';
import { OfferContent } from './canonical-offer';
import type { Finding } from '../quality/screening/finding';
import { NormalizedOffer } from './normalized-offer';
import { OfferChange, OfferRepository, OfferStatus, StoredOffer, UpsertResult } from './offer.repository';

interface ChangeRow {
  id: string;
  external_ref: string;
  version: number;
  status: OfferStatus;
  content: OfferContent;
  published_at: Date;
  updated_at: Date;
  inserted: boolean;
}

type UpsertRow = Omit<ChangeRow, 'status' | 'content'>;

function toChange(row: ChangeRow): OfferChange {
  return {
    offerId: row.id,
    externalRef: row.external_ref,
    version: row.version,
    status: row.status,
    content: row.status === 'active' ? row.content : null,
    publishedAt: row.published_at,
    changedAt: row.updated_at,
    created: row.inserted,
  };
}

/** The rows of an upsert, in lock order, as the one JSON document the statement unpacks. */
function upsertDocument(offers: readonly NormalizedOffer[]): string {
  return JSON.stringify(
    offers.map((o) => ({
      ref: o.externalRef,
      content: o.content,
      hash: o.contentHash,
      published: o.publishedAt,
      screening: o.findings,
    })),
  );
}

@Injectable()
export class PgOfferRepository extends OfferRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async upsertMany(
    tx: Transaction,
    recruiterId: string,
    offers: readonly NormalizedOffer[],
  ): Promise<UpsertResult> {
    // One statement: insert, or bump the version only when the content really changed (or the
    // offer comes back after a deletion). Row locks serialise concurrent writers of one offer.
    // A written row is active with the content sent: it is not read back (a few KiB per offer).
    // The batch travels as one JSON document, parsed once by Postgres: 500 contents of ~5 KiB as
    // a jsonb[] array literal took twice as long to insert (escaped twice, parsed twice).
    const rows: UpsertRow[] = await tx.manager.query(
      `INSERT INTO offers (recruiter_id, external_ref, version, status, content, content_hash, requested_published_at, published_at, screening)
       SELECT $1, o->>'ref', 1, 'active', o->'content', o->>'hash', (o->>'published')::timestamptz,
              coalesce((o->>'published')::timestamptz, now()), o->'screening'
       FROM jsonb_array_elements($2::jsonb) AS t(o)
       ON CONFLICT (recruiter_id, external_ref) DO UPDATE
         SET version = offers.version + 1,
             status = 'active',
             content = EXCLUDED.content,
             content_hash = EXCLUDED.content_hash,
             screening = EXCLUDED.screening,
             requested_published_at = EXCLUDED.requested_published_at,
             -- A republished offer is dated anew; an edited one keeps its date unless the recruiter sets one.
             published_at = coalesce(EXCLUDED.requested_published_at,
                                     CASE WHEN offers.status <> 'active' THEN now() ELSE offers.published_at END),
             updated_at = now(),
             deleted_at = NULL
         -- An expired offer sent again unchanged stays expired (it would only expire again); a
         -- deleted one sent again comes back.
         WHERE offers.content_hash IS DISTINCT FROM EXCLUDED.content_hash OR offers.status = 'deleted'
       RETURNING id, external_ref, version, published_at, updated_at, (xmax = 0) AS inserted`,
      [recruiterId, upsertDocument(offers)],
    );
    const changedRefs = new Set(rows.map((r) => r.external_ref));
    const unchangedRefs = offers.map((o) => o.externalRef).filter((ref) => !changedRefs.has(ref));
    const unchanged =
      unchangedRefs.length === 0
        ? []
        : await tx.manager.query<UpsertResult['unchanged']>(
            `SELECT id AS "offerId", external_ref AS "externalRef", version FROM offers
             WHERE recruiter_id = $1 AND external_ref = ANY($2::text[])`,
            [recruiterId, unchangedRefs],
          );
    const contentOf = new Map(offers.map((o) => [o.externalRef, o.content]));
    return {
      changed: rows.map((r) => toChange({ ...r, status: 'active', content: contentOf.get(r.external_ref)! })),
      unchanged,
    };
  }

  async findById(recruiterId: string, offerId: string): Promise<StoredOffer | null> {
    const rows: Array<ChangeRow & { recruiter_id: string; screening: Finding[] }> =
      await this.dataSource.query(
        `SELECT id, recruiter_id, external_ref, version, status, content, screening, published_at, updated_at FROM offers
       WHERE id = $1 AND recruiter_id = $2`,
        [offerId, recruiterId],
      );
    const row = rows[0];
    if (!row) return null;
    return {
      offerId: row.id,
      recruiterId: row.recruiter_id,
      externalRef: row.external_ref,
      version: row.version,
      status: row.status,
      content: row.content,
      findings: row.screening,
      publishedAt: row.published_at,
      updatedAt: row.updated_at,
    };
  }

  async markDeleted(
    tx: Transaction,
    recruiterId: string,
    offerId: string,
  ): Promise<{ change: OfferChange | null; found: boolean }> {
    const rows: ChangeRow[] = await tx.manager.query(
      `UPDATE offers SET status = 'deleted', version = version + 1, updated_at = now(), deleted_at = now()
       WHERE id = $1 AND recruiter_id = $2 AND status <> 'deleted'
       RETURNING id, external_ref, version, status, content, published_at, updated_at, false AS inserted`,
      [offerId, recruiterId],
    );
    return this.changeOrExistence(tx, rows, recruiterId, offerId);
  }

  async markExpired(
    tx: Transaction,
    recruiterId: string,
    offerId: string,
    now: Date,
  ): Promise<{ change: OfferChange | null; found: boolean }> {
    const rows: ChangeRow[] = await tx.manager.query(
      `UPDATE offers SET status = 'expired', version = version + 1, updated_at = $3
       WHERE id = $1 AND recruiter_id = $2 AND status = 'active'
       RETURNING id, external_ref, version, status, content, published_at, updated_at, false AS inserted`,
      [offerId, recruiterId, now],
    );
    return this.changeOrExistence(tx, rows, recruiterId, offerId);
  }

  /** The change an UPDATE … RETURNING made, or whether the recruiter's offer exists at all. */
  private async changeOrExistence(
    tx: Transaction,
    rows: unknown[],
    recruiterId: string,
    offerId: string,
  ): Promise<{ change: OfferChange | null; found: boolean }> {
    // TypeORM returns [rows, count] for UPDATE … RETURNING.
    const updated = (Array.isArray(rows[0]) ? rows[0] : rows) as ChangeRow[];
    if (updated[0]) return { change: toChange(updated[0]), found: true };
    const exists: unknown[] = await tx.manager.query(
      `SELECT 1 FROM offers WHERE id = $1 AND recruiter_id = $2`,
      [offerId, recruiterId],
    );
    return { change: null, found: exists.length > 0 };
  }
}
