import { Client } from '@opensearch-project/opensearch';
import { OfferChangedV2, TOPICS } from '@vigie/contracts';
import { SystemClock } from '@vigie/kernel';
import { KafkaConnection, KafkaEventPublisher } from '@vigie/messaging';
import { createSearchClient } from '@vigie/search-engine';
import {
  canonicalOffer,
  openTestDatabase,
  readTopic,
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
import { offerIndexNames, OpenSearchOfferIndex } from '../search/opensearch-offer-index';
import { PgOfferSource } from './pg-offer-source';
import { ReconcileIndexUseCase } from './reconcile-index.usecase';

/**
 * Reconciliation on real Postgres (offer-ingestion's own schema, migrated as the service does),
 * real OpenSearch and real Kafka: drift of every kind is injected behind the indexer's back, then
 * repaired, and a second pass finds none.
 */
describe('ReconcileIndexUseCase on Postgres, OpenSearch and Kafka', () => {
  const id = uniqueId('reconcile');
  const topicPrefix = `${id}.`;
  const names = offerIndexNames(`${id}-`);
  const kafka = testKafka(testInfra().kafkaBrokers);
  const connection = new KafkaConnection(kafka);
  const logger = { warn: jest.fn(), info: jest.fn() };
  let ingestion: TestDatabase;
  let indexer: TestDatabase;
  let client: Client;
  let index: OpenSearchOfferIndex;
  let indexOffers: IndexOffersUseCase;
  let sut: ReconcileIndexUseCase;
  const recruiterId = randomUUID();
  const longAgo = new Date(Date.now() - 3_600_000);

  beforeAll(async () => {
    ingestion = await openTestDatabase('reconcile-ingestion', OFFER_INGESTION_MIGRATIONS);
    indexer = await openTestDatabase('reconcile-indexer', [
      CreateIndexState1764400000001,
      IndexStateExpired1764600000001,
    ]);
    await ingestion.dataSource.query(
      `INSERT INTO recruiters (id, name, api_key_prefix, api_key_hash) VALUES ($1, 'Reconcile', $2, '\\x00')`,
      [recruiterId, id.slice(-12)],
    );
    const admin = await connection.admin();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: `${topicPrefix}${TOPICS.offerIndexed}`, numPartitions: 1 }],
    });
    client = createSearchClient({ url: testInfra().searchUrl }, { requestTimeoutMs: 30_000 });
    index = new OpenSearchOfferIndex(client, names, 0, new SystemClock(), logger);
    await index.ensureIndex();
    indexOffers = new IndexOffersUseCase(
      index,
      new PgIndexStateRepository(indexer.dataSource),
      new KafkaEventPublisher(connection, { topicPrefix }),
    );
    sut = new ReconcileIndexUseCase(
      new PgOfferSource(ingestion.dataSource, ingestion.schema, logger),
      index,
      indexOffers,
      new SystemClock(),
    );
  });

  afterAll(async () => {
    await client.indices.delete({ index: names.index }).catch(() => undefined);
    await client.close();
    await connection.close();
    await ingestion.drop();
    await indexer.drop();
  });

  /** Stores an offer in ingestion's table as the service would, and returns its event. */
  async function stored(
    version: number,
    status: OfferChangedV2['status'],
    changedAt = longAgo,
  ): Promise<OfferChangedV2> {
    const offerId = randomUUID();
    const { publishedAt, ...content } = canonicalOffer({ title: `Soudeur ${offerId.slice(0, 8)}` });
    await ingestion.dataSource.query(
      `INSERT INTO offers (id, recruiter_id, external_ref, version, status, content, content_hash, published_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'h', $7, $8)`,
      [offerId, recruiterId, `REF-${offerId}`, version, status, content, publishedAt, changedAt],
    );
    return {
      offerId,
      recruiterId,
      externalRef: `REF-${offerId}`,
      version,
      status,
      changedAt: changedAt.toISOString(),
      offer: status === 'active' ? { ...content, publishedAt } : null,
    };
  }

  const indexAs = (change: OfferChangedV2) =>
    indexOffers.execute([{ value: change, envelope: { correlationId: 'test' } }]);

  const held = async (offerId: string) => {
    const res = await client.get({ index: names.alias, id: offerId }, { ignore: [404] });
    const body = res.body as { found: boolean; _version?: number; _source?: { state?: string } };
    return body.found ? { version: body._version, state: body._source?.state } : null;
  };

  it('finds each kind of drift, repairs it, announces the rewritten offers, and then finds none', async () => {
    const inStep = await stored(2, 'active');
    await indexAs(inStep);
    const missing = await stored(1, 'active');
    const stale = await stored(3, 'active');
    await indexAs({ ...stale, version: 2 });
    const deletedButLive = await stored(2, 'deleted');
    await indexAs({ ...deletedButLive, version: 1, status: 'active', offer: stale.offer });
    const ahead = await stored(1, 'active');
    await indexAs({ ...ahead, version: 5 });
    const orphan = randomUUID();
    await indexAs({ ...inStep, offerId: orphan, externalRef: 'GONE-FROM-DB' });
    const inFlight = await stored(1, 'active', new Date()); // just changed: its event is on its way
    await client.indices.refresh({ index: names.alias });

    const dryRun = await sut.execute({ pageSize: 2, graceMs: 60_000 }, { repair: false });
    expect(dryRun.drift).toEqual({ missing: 1, stale: 2, ahead: 1, orphan: 1 });
    expect(dryRun.repaired).toBe(0);
    expect(await held(missing.offerId)).toBeNull();

    const repaired = await sut.execute({ pageSize: 2, graceMs: 60_000 }, { repair: true });

    expect(repaired.drift).toEqual({ missing: 1, stale: 2, ahead: 1, orphan: 1 });
    expect(repaired.repaired).toBe(4);
    expect(await held(missing.offerId)).toEqual({ version: 1, state: 'live' });
    expect(await held(stale.offerId)).toEqual({ version: 3, state: 'live' });
    expect(await held(deletedButLive.offerId)).toEqual({ version: 2, state: 'gone' });
    expect(await held(ahead.offerId)).toEqual({ version: 5, state: 'live' });
    expect(await held(orphan)).toBeNull();
    expect(await held(inFlight.offerId)).toBeNull();

    const announced = (await readTopic(kafka, `${topicPrefix}${TOPICS.offerIndexed}`)).map(
      (m) => JSON.parse(m.value!) as { offerId: string; version: number; correlationId?: string },
    );
    expect(announced).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ offerId: missing.offerId, version: 1 }),
        expect.objectContaining({ offerId: stale.offerId, version: 3 }),
      ]),
    );

    await client.indices.refresh({ index: names.alias });
    const again = await sut.execute({ pageSize: 2, graceMs: 60_000 }, { repair: true });
    expect(again.drift).toEqual({ missing: 0, stale: 0, ahead: 1, orphan: 0 });
    expect(again.compared).toBe(5);
  });
});
