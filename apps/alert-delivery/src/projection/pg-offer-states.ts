import { Injectable } from '@nestjs/common';
import type { OfferStatus } from '@vigie/contracts';
import { DataSource } from 'typeorm';
import { OfferState, OfferStates } from './offer-states.port';

@Injectable()
export class PgOfferStates extends OfferStates {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async apply(states: readonly OfferState[]): Promise<void> {
    // Keep the highest version per offer of the batch (one row per key in one statement), and the
    // cluster of an earlier one when it has none (an expired offer carries no snapshot).
    const latest = new Map<string, OfferState>();
    for (const s of states) {
      const held = latest.get(s.offerId);
      if (!held) latest.set(s.offerId, s);
      else if (held.version < s.version)
        latest.set(s.offerId, { ...s, clusterId: s.clusterId ?? held.clusterId });
      else if (held.clusterId === null) latest.set(s.offerId, { ...held, clusterId: s.clusterId });
    }
    if (latest.size === 0) return;
    await this.dataSource.query(
      `INSERT INTO offer_states (offer_id, version, status, cluster_id, changed_at)
       SELECT s."offerId", s.version, s.status, s."clusterId", now()
       FROM jsonb_to_recordset($1::jsonb) AS s("offerId" uuid, version int, status text, "clusterId" text)
       ON CONFLICT (offer_id) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status,
         cluster_id = COALESCE(EXCLUDED.cluster_id, offer_states.cluster_id), changed_at = now()
       WHERE offer_states.version < EXCLUDED.version`,
      [JSON.stringify([...latest.values()])],
    );
  }

  async get(offerIds: readonly string[]): Promise<Map<string, OfferState>> {
    if (offerIds.length === 0) return new Map();
    const rows: Array<{ offer_id: string; version: number; status: OfferStatus; cluster_id: string | null }> =
      await this.dataSource.query(
        `SELECT offer_id, version, status, cluster_id FROM offer_states WHERE offer_id = ANY($1::uuid[])`,
        [[...new Set(offerIds)]],
      );
    return new Map(
      rows.map((r) => [
        r.offer_id,
        { offerId: r.offer_id, version: r.version, status: r.status, clusterId: r.cluster_id },
      ]),
    );
  }
}
