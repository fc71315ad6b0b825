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
import { reconcileLockName } from '../reconciliation/reconciliation.providers';
import { offerIndexNames, OpenSearchOfferIndex } from '../search/opensearch-offer-index';
import { reconcileIndexCommand } from './reconcile-index.command';

/**
 * `npm run reconcile:index` as an operator runs it: configured like offer-indexer through the
 * environment, on real Postgres, OpenSearch and Kafka. It repairs a missing offer and reports it,
 * and leaves the work to whoever holds the advisory lock.
 */
describe('reconcile:index command', () => {
  const id = uniqueId('reconcile-cmd');
  const names = offerIndexNames(`${id}-`);
  const kafka = testKafka(testInfra().kafkaBrokers);
  const connection = new KafkaConnection(kafka);
  let ingestion: TestDatabase;
  let indexer: TestDatabase;
  let client: Client;
  let env: NodeJS.ProcessEnv;
  const recruiterId = randomUUID();

  beforeAll(async () => {
    ingestion = await openTestDatabase('reconcile-cmd-ingestion', OFFER_INGESTION_MIGRATIONS);
    indexer = await openTestDatabase('reconcile-cmd-indexer', [
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
    await client.indices.delete({ index: names.index }).catch(() => undefined);
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

  it('writes a missing offer again and prints what it repaired; a second run finds nothing', async () => {
    const offerId = await storeActiveOffer();
    const lines: string[] = [];

    expect(await reconcileIndexCommand([], env, (l) => lines.push(l))).toBe(0);

    expect(lines).toEqual(expect.arrayContaining(['  compared 1', '  repaired 1, refused by the index 0']));
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({
      compared: 1,
      drift: { missing: 1, stale: 0, ahead: 0, orphan: 0 },
      repaired: 1,
      dryRun: false,
    });
    const held = await client.get({ index: names.alias, id: offerId });
    expect((held.body as { _version: number })._version).toBe(1);

    await client.indices.refresh({ index: names.alias });
    const again: string[] = [];
    expect(await reconcileIndexCommand(['--dry-run'], env, (l) => again.push(l))).toBe(0);
    expect(JSON.parse(again.at(-1)!)).toMatchObject({
      drift: { missing: 0, stale: 0, ahead: 0, orphan: 0 },
      repaired: 0,
    });
  });

  it('does nothing and exits with 2 while another instance holds the lock', async () => {
    const offerId = await storeActiveOffer();
    const holder = indexer.dataSource.createQueryRunner();
    await holder.connect();
    await holder.query(`SELECT pg_advisory_lock(hashtext($1))`, [reconcileLockName(`${id}-`)]);
    try {
      const lines: string[] = [];
      expect(await reconcileIndexCommand([], env, (l) => lines.push(l))).toBe(2);
      expect(lines[0]).toMatch(/advisory lock held/);
      const held = await client.get({ index: names.alias, id: offerId }, { ignore: [404] });
      expect((held.body as { found: boolean }).found).toBe(false);
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(hashtext($1))`, [reconcileLockName(`${id}-`)]);
      await holder.release();
    }
  });

  it('refuses an unknown option with its usage', async () => {
    const lines: string[] = [];
    expect(await reconcileIndexCommand(['--repair-everything'], env, (l) => lines.push(l))).toBe(1);
    expect(lines[0]).toMatch(/^usage: npm run reconcile:index/);
  });
});
