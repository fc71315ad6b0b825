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
import { OFFER_INGESTION_MIGRATIONS } from '../../../../offer-ingestion/src/migrations/offer-ingestion-migrations';
import { CreateIndexState1764400000001 } from '../../migrations/1764400000001-create-index-state';
import { IndexStateExpired1764600000001 } from '../../migrations/1764600000001-index-state-expired';
import { OfferIndexNames, offerIndexNames, OpenSearchOfferIndex } from '../../search/opensearch-offer-index';

/**
 * What the operations commands run against, as an operator's environment gives it: offer-ingestion's
 * offers table with one recruiter, offer-indexer's schema, the offers index behind its alias and the
 * indexed-events topic, all under one unique prefix on the real Postgres, OpenSearch and Kafka.
 */
export interface CommandStack {
  id: string;
  names: OfferIndexNames;
  ingestion: TestDatabase;
  indexer: TestDatabase;
  client: Client;
  /** The environment offer-indexer (and so each command) is configured by. */
  env: NodeJS.ProcessEnv;
  /** An active offer in the offers table, changed an hour ago (past any grace period). */
  storeActiveOffer(): Promise<string>;
  close(): Promise<void>;
}

export async function openCommandStack(label: string): Promise<CommandStack> {
  const id = uniqueId(label);
  const names = offerIndexNames(`${id}-`);
  const connection = new KafkaConnection(testKafka(testInfra().kafkaBrokers));
  const recruiterId = randomUUID();
  const ingestion = await openTestDatabase(`${label}-ingestion`, OFFER_INGESTION_MIGRATIONS);
  const indexer = await openTestDatabase(`${label}-indexer`, [
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
  const client = createSearchClient({ url: testInfra().searchUrl }, { requestTimeoutMs: 30_000 });
  await new OpenSearchOfferIndex(client, names, 0, new SystemClock(), {
    info: () => undefined,
    warn: () => undefined,
  }).ensureIndex();
  return {
    id,
    names,
    ingestion,
    indexer,
    client,
    env: {
      DATABASE_URL: testInfra().databaseUrl,
      DATABASE_SCHEMA: indexer.schema,
      OFFER_SOURCE_SCHEMA: ingestion.schema,
      SEARCH_URL: testInfra().searchUrl,
      SEARCH_INDEX_PREFIX: `${id}-`,
      KAFKA_BROKERS: testInfra().kafkaBrokers,
      KAFKA_TOPIC_PREFIX: `${id}.`,
      LOG_LEVEL: 'warn',
    },
    async storeActiveOffer() {
      const offerId = randomUUID();
      const { publishedAt, ...content } = canonicalOffer({ title: `Tourneur ${offerId.slice(0, 8)}` });
      await ingestion.dataSource.query(
        `INSERT INTO offers (id, recruiter_id, external_ref, version, status, content, content_hash, published_at, updated_at)
         VALUES ($1, $2, $3, 1, 'active', $4, 'h', $5, now() - interval '1 hour')`,
        [offerId, recruiterId, `REF-${offerId}`, content, publishedAt],
      );
      return offerId;
    },
    async close() {
      // Every index of the stack: the alias's, and any generation a command built next to it.
      await client.indices.delete({ index: `${id}-*` }).catch(() => undefined);
      await client.close();
      await connection.close();
      await ingestion.drop();
      await indexer.drop();
    },
  };
}
