import { Injectable } from '@nestjs/common';
import type { Transaction } from '@vigie/database';
import { DataSource } from 'typeorm';
import { ClusterIndex, ClusterMember } from './cluster-index.port';
import { bandKeysOf } from './offer-fingerprint';

interface MemberRow {
  offer_id: string;
  cluster_id: string;
  signature: Buffer;
  title_words: Buffer;
  company_key: string | null;
  place_key: string | null;
}

/** Members read per band key: enough to find the cluster of a reposted job, bounded for hot bands. */
export const MAX_MEMBERS_PER_BAND = 48;

/** Cluster index in offer-ingestion's schema: one query finds a batch's candidates by band key. */
@Injectable()
export class PgClusterIndex extends ClusterIndex {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async candidates(
    tx: Transaction | null,
    bandKeys: readonly number[],
    offerIds: readonly string[],
  ): Promise<ClusterMember[]> {
    const db = tx?.manager ?? this.dataSource;
    // Each band key is read through the primary key with a cap: a hot band (a job reposted hundreds
    // of times in one commune) would otherwise return its whole bucket to every batch that touches
    // it, and the statement outgrew its timeout on real-sized feeds. The members a capped bucket
    // keeps are nearly all in the one cluster that made it hot, which is all the batch needs.
    const rows = await db.query<MemberRow[]>(
      `WITH wanted AS (
         SELECT m.offer_id FROM offer_cluster_members m WHERE m.offer_id = ANY($2::text[])
         UNION
         SELECT b.offer_id
           FROM unnest($1::int[]) AS k(band_key)
           CROSS JOIN LATERAL (
             SELECT offer_id FROM offer_cluster_bands
              WHERE band_key = k.band_key
              ORDER BY offer_id
              LIMIT $3
           ) b
       )
       SELECT m.offer_id, m.cluster_id, m.signature, m.title_words, m.company_key, m.place_key
         FROM wanted w JOIN offer_cluster_members m USING (offer_id)`,
      [bandKeys, offerIds, MAX_MEMBERS_PER_BAND],
    );
    return rows.map(toMember);
  }

  async save(tx: Transaction | null, members: readonly ClusterMember[]): Promise<void> {
    if (members.length === 0) return;
    const db = tx?.manager ?? this.dataSource;
    const last = new Map(members.map((m) => [m.offerId, m])); // a batch may name an offer twice
    const unique = [...last.values()];
    // An edited offer's old bands go first, found by their keys (recomputed from the stored
    // signature) through the primary key; its row is locked until the batch commits.
    const previous = await db.query<Array<Pick<MemberRow, 'offer_id' | 'signature' | 'place_key'>>>(
      `SELECT offer_id, signature, place_key FROM offer_cluster_members WHERE offer_id = ANY($1::text[])
        ORDER BY offer_id FOR UPDATE`,
      [unique.map((m) => m.offerId)],
    );
    if (previous.length > 0) {
      const old = bandRows(previous.map((r) => ({ offerId: r.offer_id, bandKeys: storedBandKeys(r) })));
      await db.query(
        `DELETE FROM offer_cluster_bands b USING unnest($1::int[], $2::text[]) AS o(band_key, offer_id)
          WHERE b.band_key = o.band_key AND b.offer_id = o.offer_id`,
        [old.keys, old.owners],
      );
    }
    // An edited offer keeps its cluster (ON CONFLICT leaves cluster_id) and gets its new bands.
    await db.query(
      `INSERT INTO offer_cluster_members (offer_id, cluster_id, signature, title_words, company_key, place_key)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[], $4::bytea[], $5::text[], $6::text[])
       ON CONFLICT (offer_id) DO UPDATE
         SET signature = EXCLUDED.signature, title_words = EXCLUDED.title_words,
             company_key = EXCLUDED.company_key, place_key = EXCLUDED.place_key, updated_at = now()`,
      [
        unique.map((m) => m.offerId),
        unique.map((m) => m.clusterId),
        unique.map((m) => bytes(m.fingerprint.signature)),
        unique.map((m) => bytes(m.fingerprint.titleWords)),
        unique.map((m) => m.fingerprint.companyKey),
        unique.map((m) => m.fingerprint.placeKey),
      ],
    );
    const { keys, owners } = bandRows(
      unique.map((m) => ({ offerId: m.offerId, bandKeys: m.fingerprint.bandKeys })),
    );
    // In key order: 16 random keys per offer land in far-apart index pages, and sorted they are
    // inserted page by page (an 8,000-band insert measured 83-103 ms sorted against 124-145 ms).
    await db.query(
      `INSERT INTO offer_cluster_bands (band_key, offer_id)
       SELECT * FROM unnest($1::int[], $2::text[]) AS t(band_key, offer_id) ORDER BY band_key
       ON CONFLICT DO NOTHING`,
      [keys, owners],
    );
  }
}

/** One (band key, offer) pair per distinct key of each offer. */
function bandRows(offers: ReadonlyArray<{ offerId: string; bandKeys: Int32Array }>): {
  keys: number[];
  owners: string[];
} {
  const keys: number[] = [];
  const owners: string[] = [];
  for (const o of offers) {
    for (const key of new Set(o.bandKeys)) {
      keys.push(key);
      owners.push(o.offerId);
    }
  }
  return { keys, owners };
}

function storedBandKeys(row: Pick<MemberRow, 'signature' | 'place_key'>): Int32Array {
  return bandKeysOf(signatureOf(row), row.place_key);
}

function signatureOf(row: Pick<MemberRow, 'signature'>): Uint16Array {
  const signature = new Uint16Array(row.signature.byteLength / 2);
  Buffer.from(signature.buffer).set(row.signature);
  return signature;
}

function bytes(array: Uint16Array | Uint32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function toMember(row: MemberRow): ClusterMember {
  const signature = signatureOf(row);
  const titleWords = new Uint32Array(row.title_words.byteLength / 4);
  Buffer.from(titleWords.buffer).set(row.title_words);
  return {
    offerId: row.offer_id,
    clusterId: row.cluster_id,
    fingerprint: {
      signature,
      bandKeys: bandKeysOf(signature, row.place_key),
      titleWords,
      companyKey: row.company_key,
      placeKey: row.place_key,
    },
  };
}
