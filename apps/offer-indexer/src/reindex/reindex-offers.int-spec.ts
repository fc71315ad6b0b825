import { Client } from '@opensearch-project/opensearch';
import { OfferChangedV2, TOPICS } from '@vigie/contracts';
import { SystemClock } from '@vigie/kernel';
import { KafkaConnection, KafkaEventPublisher } from '@vigie/messaging';
import { liveOffersFilter, OFFER_INDEX_MAPPINGS, OFFER_INDEX_SETTINGS } from '@vigie/offer-index';
import { createSearchClient } from '@vigie/search-engine';
import {
  canonicalOffer,
  openTestDatabase,
  TestDatabase,
  testInfra,
  testKafka,
  uniqueId,
} from '@vigie/testing';
import { randomUUID } from 'node:crypto';
import { OFFER_INGESTION_MIGRATIONS } from '../../../offer-ingestion/src/migrations/offer-ingestion-migrations';
import { IndexOffersUseCase } from '../indexing/index-offers.usecase';
import { PgIndexStateRepository } from '../indexing/index-state.repository';
import { CreateIndexState1764400000001 } from '../migrations/1764400000001-create-index-state';
import { IndexStateExpired1764600000001 } from '../migrations/1764600000001-index-state-expired';
import { PgAdvisoryRunLock } from '../operations/pg-advisory-run-lock';
import { PgOfferSource } from '../reconciliation/pg-offer-source';
import { ReconcileIndexUseCase } from '../reconciliation/reconcile-index.usecase';
import { OpenSearchIndexGenerations } from '../search/opensearch-index-generations';
import { offerIndexNames, OpenSearchOfferIndex } from '../search/opensearch-offer-index';
import { ReindexOffersUseCase } from './reindex-offers.usecase';

const STABLE = 300;
const CHURN = 150;

/**
 * The zero-downtime reindex on real Postgres, OpenSearch and Kafka, under load: while it runs, a
 * writer keeps changing, creating and deleting offers the way offer-ingestion and offer-indexer do
 * (database first, then the indexing use case on the event), and three clients keep searching.
 * No search may fail or see fewer offers than there are; afterwards the index equals the database.
 * Twice: the reindex command's rebuild of the current generation, and the generation bump an
 * indexer starts when the alias still names an index of an older generation.
 */
describe.each([
  { scenario: 'the reindex of the current generation', olderGeneration: false },
  { scenario: 'the generation bump from an older generation', olderGeneration: true },
])('ReindexOffersUseCase under concurrent writes and searches: $scenario', ({ olderGeneration }) => {
  const id = uniqueId(olderGeneration ? 'bump' : 'reindex');
  const names = offerIndexNames(`${id}-`);
  /** The index searches read before the rebuild: the current generation's, or an older one's. */
  const first = olderGeneration ? names.index.replace(/-v\d+$/, '-v1') : names.index;
  const kafka = testKafka(testInfra().kafkaBrokers);
  const connection = new KafkaConnection(kafka);
  const quiet = { warn: () => undefined, info: () => undefined };
  const clock = new SystemClock();
  let ingestion: TestDatabase;
  let indexerDb: TestDatabase;
  let client: Client;
  let indexer: OpenSearchOfferIndex;
  let indexOffers: IndexOffersUseCase;
  let source: PgOfferSource;
  const stableRecruiter = randomUUID();
  const churnRecruiter = randomUUID();
  const versions = new Map<string, number>();

  beforeAll(async () => {
    ingestion = await openTestDatabase('reindex-ingestion', OFFER_INGESTION_MIGRATIONS);
    indexerDb = await openTestDatabase('reindex-indexer', [
      CreateIndexState1764400000001,
      IndexStateExpired1764600000001,
    ]);
    for (const recruiter of [stableRecruiter, churnRecruiter])
      await ingestion.dataSource.query(
        `INSERT INTO recruiters (id, name, api_key_prefix, api_key_hash) VALUES ($1, 'Reindex', $2, '\\x00')`,
        [recruiter, randomUUID().slice(0, 12)],
      );
    const admin = await connection.admin();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: `${id}.${TOPICS.offerIndexed}`, numPartitions: 1 }],
    });
    client = createSearchClient({ url: testInfra().searchUrl }, { requestTimeoutMs: 30_000 });
    // An index an indexer of an older generation made (same documents), behind the alias.
    if (olderGeneration)
      await client.indices.create({
        index: first,
        body: {
          settings: OFFER_INDEX_SETTINGS(0),
          mappings: OFFER_INDEX_MAPPINGS,
          aliases: { [names.alias]: { is_write_index: true } },
        },
      });
    // The running offer-indexer: writes through the alias, and to whatever is in the backfill alias.
    indexer = new OpenSearchOfferIndex(client, names, 0, clock, quiet);
    await indexer.ensureIndex();
    expect(Object.keys((await client.indices.getAlias({ name: names.alias })).body)).toEqual([first]);
    indexOffers = new IndexOffersUseCase(
      indexer,
      new PgIndexStateRepository(indexerDb.dataSource),
      new KafkaEventPublisher(connection, { topicPrefix: `${id}.` }),
    );
    source = new PgOfferSource(ingestion.dataSource, ingestion.schema, quiet);
  });

  afterAll(async () => {
    await client.indices.delete({ index: `${id}-*` }).catch(() => undefined);
    await client.close();
    await connection.close();
    await ingestion.drop();
    await indexerDb.drop();
  });

  /** An offer change as offer-ingestion makes it: the row first, then the event (returned). */
  async function change(
    offerId: string,
    recruiterId: string,
    status: 'active' | 'deleted',
    title: string,
  ): Promise<OfferChangedV2> {
    const version = (versions.get(offerId) ?? 0) + 1;
    versions.set(offerId, version);
    const { publishedAt, ...content } = canonicalOffer({ title });
    await ingestion.dataSource.query(
      `INSERT INTO offers (id, recruiter_id, external_ref, version, status, content, content_hash, published_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'h', $7, now())
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status,
         content = EXCLUDED.content, updated_at = now()`,
      [offerId, recruiterId, `REF-${offerId}`, version, status, content, publishedAt],
    );
    return {
      offerId,
      recruiterId,
      externalRef: `REF-${offerId}`,
      version,
      status,
      changedAt: new Date().toISOString(),
      offer: status === 'active' ? { ...content, publishedAt } : null,
    };
  }

  const consume = (changes: OfferChangedV2[]) =>
    indexOffers.execute(changes.map((value) => ({ value, envelope: { correlationId: 'test' } })));

  async function stableCount(): Promise<number> {
    const res = await client.search({
      index: names.alias,
      body: {
        size: 0,
        track_total_hits: true,
        query: {
          bool: {
            must: [{ match: { title: 'chaudronnier' } }],
            filter: [liveOffersFilter(), { term: { recruiterId: stableRecruiter } }],
          },
        },
      },
    });
    return (res.body as { hits: { total: { value: number } } }).hits.total.value;
  }

  it('swaps to a complete new generation with no failed or partial search, and the index then equals the database', async () => {
    const stableIds = Array.from({ length: STABLE }, () => randomUUID());
    const churnIds = Array.from({ length: CHURN }, () => randomUUID());
    for (let i = 0; i < STABLE; i += 100)
      await consume(
        await Promise.all(
          stableIds
            .slice(i, i + 100)
            .map((o) => change(o, stableRecruiter, 'active', 'Chaudronnier soudeur')),
        ),
      );
    await consume(
      await Promise.all(churnIds.map((o) => change(o, churnRecruiter, 'active', 'Mécanicien poids lourds'))),
    );
    await client.indices.refresh({ index: names.alias });
    const before = await client.get({ index: names.alias, id: stableIds[0]! });
    const indexedAtBefore = (before.body as { _source: { indexedAt: string } })._source.indexedAt;
    expect(await stableCount()).toBe(STABLE);

    let stop = false;
    let reindexing = false;
    const failures: string[] = [];
    let searches = 0;
    let searchesDuringReindex = 0;
    let writesDuringReindex = 0;
    const searcher = async () => {
      while (!stop) {
        try {
          const n = await stableCount();
          if (n !== STABLE) failures.push(`saw ${n} of ${STABLE} offers`);
        } catch (e) {
          failures.push(`search failed: ${(e as Error).message}`);
        }
        searches += 1;
        if (reindexing) searchesDuringReindex += 1;
      }
    };
    const writer = async () => {
      for (let round = 0; !stop; round++) {
        const batch: OfferChangedV2[] = [];
        for (let k = 0; k < 4; k++) {
          const pick = churnIds[Math.floor(Math.random() * churnIds.length)]!;
          const roll = Math.random();
          if (roll < 0.25) {
            const created = randomUUID();
            churnIds.push(created);
            batch.push(await change(created, churnRecruiter, 'active', `Carrossier ${round}`));
          } else if (roll < 0.4) batch.push(await change(pick, churnRecruiter, 'deleted', 'Supprimée'));
          else batch.push(await change(pick, churnRecruiter, 'active', `Mécanicien ${round}`));
        }
        // One batch per offer at most, as a consumed batch keeps the newest version of each.
        const latest = new Map(batch.map((c) => [c.offerId, c]));
        await consume([...latest.values()]);
        if (reindexing) writesDuringReindex += latest.size;
      }
    };
    const loops = [searcher(), searcher(), searcher(), writer()];

    const sut = new ReindexOffersUseCase(
      source,
      new OpenSearchIndexGenerations(client, names, 0, clock, quiet),
      indexer,
      new PgAdvisoryRunLock(indexerDb.dataSource),
      clock,
      quiet,
    );
    const settings = {
      pageSize: 40,
      catchUpGraceMs: 0,
      dropAfterMs: 500,
      dropPrevious: true,
      lockName: `vigie-reindex-offers:${names.alias}`,
    };
    const rebuild = async () => {
      if (!olderGeneration) return sut.execute(settings);
      const bump = await sut.bumpGeneration(settings);
      if (bump.outcome !== 'bumped') throw new Error(`no generation bump: ${bump.outcome}`);
      return bump.report;
    };
    reindexing = true;
    const report = await rebuild().finally(() => (reindexing = false));
    await new Promise((resolve) => setTimeout(resolve, 500)); // searches and writes on the new generation
    stop = true;
    await Promise.all(loops);

    expect(failures).toEqual([]);
    expect(searchesDuringReindex).toBeGreaterThan(10);
    expect(searches).toBeGreaterThan(searchesDuringReindex); // and went on after the swap and the drop
    expect(writesDuringReindex).toBeGreaterThan(10);
    expect(report.previous).toBe(first);
    expect(report.next).toMatch(new RegExp(`^${names.index}-r\\d{14}$`));
    expect(report.backfill.read).toBeGreaterThanOrEqual(STABLE + CHURN);
    expect(report.backfill.rejected).toBe(0);
    expect(report.previousDropped).toBe(true);
    const alias = await client.indices.getAlias({ name: names.alias });
    expect(Object.keys(alias.body)).toEqual([report.next]);
    expect((await client.indices.exists({ index: first })).body).toBe(false);
    expect(
      (await client.indices.getAlias({ name: names.backfillAlias! }, { ignore: [404] })).statusCode,
    ).toBe(404);

    // A restarted indexer keeps the rebuilt generation rather than taking the alias back.
    await indexer.ensureIndex();
    expect(await sut.bumpGeneration(settings)).toEqual({ outcome: 'current' });
    expect(Object.keys((await client.indices.getAlias({ name: names.alias })).body)).toEqual([report.next]);

    await client.indices.refresh({ index: names.alias });
    const after = await client.get({ index: names.alias, id: stableIds[0]! });
    expect((after.body as { _source: { indexedAt: string } })._source.indexedAt).toBe(indexedAtBefore);
    const [{ count }] = await ingestion.dataSource.query<[{ count: number }]>(
      `SELECT count(*)::int AS count FROM offers`,
    );
    const drift = await new ReconcileIndexUseCase(source, indexer, indexOffers, clock).execute(
      { pageSize: 200, graceMs: 0 },
      { repair: false },
    );
    expect(drift.compared).toBe(count);
    expect(drift.drift).toEqual({ missing: 0, stale: 0, ahead: 0, orphan: 0 });
  });
});
