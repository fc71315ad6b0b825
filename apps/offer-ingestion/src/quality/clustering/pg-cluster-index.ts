import { Injectable } from '@nestjs/common';
import type { Transaction } from '@vigie/database';
import { DataSource } from 'typeorm';
import { ClusterIndex, ClusterMember, ProbedOffer } from './cluster-index.port';
import { bandKeysOf } from './offer-fingerprint';

interface MemberRow {
  offer_id: string;
  cluster_id: string;
  signature: Buffer;
  title_words: Buffer;
  company_key: string | null;
  place_key: string | null;
}

const MEMBER_COLUMNS = 'offer_id, cluster_id, signature, title_words, company_key, place_key';

/** Members read per band key: enough to find the cluster of a reposted job, bounded for hot bands. */
export const MAX_MEMBERS_PER_BAND = 48;

/** Cluster index in offer-ingestion's schema: one query finds a batch's candidates by band key. */
@Injectable()
export class PgClusterIndex extends ClusterIndex {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async candidates(tx: Transaction | null, offers: readonly ProbedOffer[]): Promise<ClusterMember[]> {
    if (offers.length === 0) return [];
    const db = tx?.manager ?? this.dataSource;
    // The batch's offers already clustered are read by key, and their bands are not probed: they
    // keep their cluster, so a re-imported feed costs 500 key reads instead of 8,000 band probes.
    // Two statements rather than one: folded into one, the planner (without statistics early in an
    // import) re-ran the membership test for each of the 8,000 keys and hit the statement timeout.
    const own = await db.query<MemberRow[]>(
      `SELECT ${MEMBER_COLUMNS} FROM offer_cluster_members WHERE offer_id = ANY($1::text[])`,
      [offers.map((o) => o.offerId)],
    );
    const clustered = new Set(own.map((r) => r.offer_id));
    const keys = new Set<number>();
    for (const o of offers) if (!clustered.has(o.offerId)) for (const k of o.bandKeys) keys.add(k);
    if (keys.size === 0) return own.map(toMember);
    // Each band key is read through the primary key with a cap: a hot band (a job reposted hundreds
    // of times in one commune) would otherwise return its whole bucket to every batch that touches
    // it, and the statement outgrew its timeout on real-sized feeds. The members a capped bucket
    // keeps are nearly all in the one cluster that made it hot, which is all the batch needs. They
    // are then read by key (`= ANY`): joined to the set of wanted ids, the planner hashed the whole
    // members table for every batch, a cost growing with the table. The keys go in ascending order,
    // so the 8,000 probes walk the index page by page: 10 × 8,000 probes on 20,000 members took
    // 624 ms sorted against 905 ms in the batch's order (scratch tables, /tmp script).
    const probed = await db.query<MemberRow[]>(
      `SELECT ${MEMBER_COLUMNS} FROM offer_cluster_members
        WHERE offer_id = ANY(ARRAY(
          SELECT b.offer_id
            FROM unnest($1::int[]) AS k(band_key)
            CROSS JOIN LATERAL (
              SELECT offer_id FROM offer_cluster_bands
               WHERE band_key = k.band_key
               ORDER BY offer_id
               LIMIT $2
            ) b))`,
      [Array.from(Int32Array.from(keys).sort()), MAX_MEMBERS_PER_BAND],
    );
    return [...own, ...probed.filter((r) => !clustered.has(r.offer_id))].map(toMember);
  }

  async save(tx: Transaction | null, members: readonly ClusterMember[]): Promise<void> {
    if (members.length === 0) return;
    const db = tx?.manager ?? this.dataSource;
    const last = new Map(members.map((m) => [m.offerId, m])); // a batch may name an offer twice
    // An edited offer's old bands go first, found by their keys (recomputed from the stored
    // signature) through the primary key; its row is locked until the batch commits.
    const previous = await db.query<MemberRow[]>(
      `SELECT ${MEMBER_COLUMNS} FROM offer_cluster_members WHERE offer_id = ANY($1::text[])
        ORDER BY offer_id FOR UPDATE`,
      [[...last.keys()]],
    );
    // A member whose fingerprint is unchanged (a re-imported offer) is left as it is: rewriting its
    // row and its 16 bands would change nothing.
    const edited: MemberRow[] = [];
    for (const r of previous) {
      if (sameFingerprint(r, last.get(r.offer_id)!)) last.delete(r.offer_id);
      else edited.push(r);
    }
    const unique = [...last.values()];
    if (unique.length === 0) return;
    if (edited.length > 0) {
      const old = bandRows(edited.map((r) => ({ offerId: r.offer_id, bandKeys: storedBandKeys(r) })));
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

function sameFingerprint(row: MemberRow, member: ClusterMember): boolean {
  const { fingerprint } = member;
  return (
    row.company_key === fingerprint.companyKey &&
    row.place_key === fingerprint.placeKey &&
    row.signature.equals(bytes(fingerprint.signature)) &&
    row.title_words.equals(bytes(fingerprint.titleWords))
  );
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
