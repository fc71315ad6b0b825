import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SentOfferRow, SentOffersQuery } from './sent-offers.port';

interface Row {
  offer_id: string;
  offer: {
    title?: string;
    companyName?: string | null;
    placeLabel?: string | null;
    applyUrl?: string | null;
  } | null;
  sent_at: Date;
}

/** Reads `sent_offers`, where the ledger keeps what each e-mail showed, in its sent transaction. */
@Injectable()
export class PgSentOffersQuery extends SentOffersQuery {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async lastSent(alertId: string, limit: number): Promise<SentOfferRow[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT offer_id, offer, sent_at FROM sent_offers
        WHERE alert_id = $1 AND sent_at IS NOT NULL
        ORDER BY sent_at DESC, offer_id LIMIT $2`,
      [alertId, limit],
    );
    return rows.map((r) => ({
      offerId: r.offer_id,
      title: r.offer?.title ?? null,
      companyName: r.offer?.companyName ?? null,
      placeLabel: r.offer?.placeLabel ?? null,
      applyUrl: r.offer?.applyUrl ?? null,
      sentAt: r.sent_at.toISOString(),
    }));
  }
}
