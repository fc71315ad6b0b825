import { Injectable } from '@nestjs/common';
import { Transaction } from '@vigie/database';
import { ExpiredOffer, ExpiringOffers, ExpiryCutoffs } from './expiring-offers.port';

interface ExpiredRow {
  id: string;
  recruiter_id: string;
  external_ref: string;
  version: number;
  published_at: Date;
  updated_at: Date;
}

@Injectable()
export class PgExpiringOffers extends ExpiringOffers {
  async expireDue(tx: Transaction, cutoffs: ExpiryCutoffs): Promise<ExpiredOffer[]> {
    // Both branches match a partial index of active offers (migration 1764700000000).
    const result: [ExpiredRow[], number] = await tx.manager.query(
      `UPDATE offers o SET status = 'expired', version = o.version + 1, updated_at = $1
       FROM (SELECT id FROM offers
             WHERE status = 'active'
               AND ((content->>'validThrough' IS NOT NULL AND offer_valid_through(content) <= $1)
                    OR published_at <= $2)
             ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) due
       WHERE o.id = due.id
       RETURNING o.id, o.recruiter_id, o.external_ref, o.version, o.published_at, o.updated_at`,
      [cutoffs.now, cutoffs.publishedBefore, cutoffs.limit],
    );
    // TypeORM returns [rows, count] for UPDATE … RETURNING.
    return result[0].map((row) => ({
      recruiterId: row.recruiter_id,
      change: {
        offerId: row.id,
        externalRef: row.external_ref,
        version: row.version,
        status: 'expired',
        content: null,
        publishedAt: row.published_at,
        changedAt: row.updated_at,
        created: false,
      },
    }));
  }
}
