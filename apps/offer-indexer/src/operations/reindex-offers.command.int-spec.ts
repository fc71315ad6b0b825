import { Client } from '@opensearch-project/opensearch';
import { TOPICS } from '@vigie/contracts';
import { SystemClock } from '@vigie/kernel';
import { KafkaConnection } from '@vigie/messaging';
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
import { CreateIndexState1764400000001 } from '../migrations/1764400000001-create-index-state';
import { IndexStateExpired1764600000001 } from '../migrations/1764600000001-index-state-expired';
import { offerIndexNames, OpenSearchOfferIndex } from '../search/opensearch-offer-index';
import { reindexOffersCommand } from './reindex-offers.command';

/**
 * `npm run reindex:offers` as an operator runs it, configured like offer-indexer through the
 * environment, on real Postgres, OpenSearch and Kafka (the use case under writes and searches is
 * reindex-offers.int-spec.ts): it rebuilds, reports, refuses while a backfill is pending, abandons.
 */
describe('reindex:offers command', () => {
  const id = uniqueId('reindex-cmd');
  const names = offerIndexNames(`${id}-`);
  const kafka = testKafka(testInfra().kafkaBrokers);
  const connection = new KafkaConnection(kafka);
  let ingestion: TestDatabase;
  let indexer: TestDatabase;
  let client: Client;
  let env: NodeJS.ProcessEnv;
  const recruiterId = randomUUID();

  beforeAll(async () => {
    ingestion = await openTestDatabase('reindex-cmd-ingestion', OFFER_INGESTION_MIGRATIONS);
    indexer = await openTestDatabase('reindex-cmd-indexer', [
      CreateIndexState1764400000001,
      IndexStateExpired1764600000001,
    ]);
    await ingestion.dataSource.query(
      `INSERT INTO recruiters (id, name, api_key_prefix, api_key_hash) VALUES ($1, 'Cmd', $2, '\\x00')`,
      [recruiterId, id.slice(-12)],
    );
    const admin = await connection.admin();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: `${id}.${TOPICS.offerIndexed}`, numPartitions: 1 }],
    });
    client = createSearchClient({ url: testInfra().searchUrl }, { requestTimeoutMs: 30_000 });
    await new OpenSearchOfferIndex(client, names, 0, new SystemClock(), {
      info: () => undefined,
      warn: () => undefined,
    }).ensureIndex();
    env = {
      DATABASE_URL: testInfra().databaseUrl,
      DATABASE_SCHEMA: indexer.schema,
      OFFER_SOURCE_SCHEMA: ingestion.schema,
      SEARCH_URL: testInfra().searchUrl,
      SEARCH_INDEX_PREFIX: `${id}-`,
      KAFKA_BROKERS: testInfra().kafkaBrokers,
      KAFKA_TOPIC_PREFIX: `${id}.`,
      LOG_LEVEL: 'warn',
    };
  });

  afterAll(async () => {
    await client.indices.delete({ index: `${id}-*` }).catch(() => undefined);
    await client.close();
    await connection.close();
    await ingestion.drop();
    await indexer.drop();
  });

  async function storeActiveOffer(): Promise<string> {
    const offerId = randomUUID();
    const { publishedAt, ...content } = canonicalOffer({ title: `Tourneur ${offerId.slice(0, 8)}` });
    await ingestion.dataSource.query(
      `INSERT INTO offers (id, recruiter_id, external_ref, version, status, content, content_hash, published_at, updated_at)
       VALUES ($1, $2, $3, 1, 'active', $4, 'h', $5, now() - interval '1 hour')`,
      [offerId, recruiterId, `REF-${offerId}`, content, publishedAt],
    );
    return offerId;
  }

  it('rebuilds the index from the offers table, swaps the alias and drops the previous generation', async () => {
    const offers = [await storeActiveOffer(), await storeActiveOffer(), await storeActiveOffer()];
    const lines: string[] = [];

    expect(
      await reindexOffersCommand(['--page-size=2', '--drop-after-ms=0'], env, (l) => lines.push(l)),
    ).toBe(0);

    const report = JSON.parse(lines.at(-1)!) as {
      next: string;
      previous: string;
      backfill: { read: number };
    };
    expect(lines[0]).toMatch(
      new RegExp(`^reindex:offers ${names.alias}: ${names.index} -> ${names.index}-r\\d{14} in `),
    );
    expect(report).toMatchObject({
      previous: names.index,
      backfill: { read: 3, written: 3 },
      previousDropped: true,
    });
    expect(Object.keys((await client.indices.getAlias({ name: names.alias })).body)).toEqual([report.next]);
    expect((await client.indices.exists({ index: names.index })).body).toBe(false);
    const held = await client.mget({ index: names.alias, body: { ids: offers } });
    expect((held.body as { docs: Array<{ found: boolean }> }).docs.map((d) => d.found)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('refuses to start while an index waits in the backfill alias, and --abandon removes it', async () => {
    const left = `${names.index}-r20261201000000`;
    await client.indices.create({ index: left, body: { aliases: { [names.backfillAlias!]: {} } } });
    const refused: string[] = [];
    expect(await reindexOffersCommand([], env, (l) => refused.push(l))).toBe(2);
    expect(refused[0]).toMatch(/^reindex:offers refused \(REINDEX_BACKFILL_PENDING\)/);

    const abandoned: string[] = [];
    expect(await reindexOffersCommand(['--abandon'], env, (l) => abandoned.push(l))).toBe(0);
    expect(abandoned).toEqual([`abandoned ${left}`]);
    expect((await client.indices.exists({ index: left })).body).toBe(false);
  });

  it('refuses an unknown option with its usage', async () => {
    const lines: string[] = [];
    expect(await reindexOffersCommand(['--page-size=0'], env, (l) => lines.push(l))).toBe(1);
    expect(lines[0]).toMatch(/^usage: npm run reindex:offers/);
  });
});
