import { Client } from '@opensearch-project/opensearch';
import { dataSourceOptions, databaseSettingsFromEnv } from '@vigie/database';
import { Clock, SystemClock } from '@vigie/kernel';
import { createKafka, KafkaConnection, KafkaEventPublisher, kafkaSettingsFromEnv } from '@vigie/messaging';
import { createSearchClient } from '@vigie/search-engine';
import pino, { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { OfferIndexerConfig, SERVICE_NAME } from '../config';
import { IndexOffersUseCase } from '../indexing/index-offers.usecase';
import { PgIndexStateRepository } from '../indexing/index-state.repository';
import { PgOfferSource } from '../reconciliation/pg-offer-source';
import { offerIndexNames, OpenSearchOfferIndex } from '../search/opensearch-offer-index';

/**
 * What an operations command (reconcile:index, reindex:offers) needs, wired as offer-indexer wires
 * it, from the service's own configuration: the indexer's schema (already migrated by the service),
 * offer-ingestion's offers table, the engine, and Kafka for the announcements of repaired offers.
 */
export interface IndexerResources {
  config: OfferIndexerConfig;
  logger: Logger;
  clock: Clock;
  dataSource: DataSource;
  client: Client;
  source: PgOfferSource;
  index: OpenSearchOfferIndex;
  indexOffers: IndexOffersUseCase;
  close(): Promise<void>;
}

export async function openIndexerResources(config: OfferIndexerConfig): Promise<IndexerResources> {
  // Logs on stderr: stdout is the command's report.
  const logger = pino(
    { level: config.LOG_LEVEL, base: { service: `${SERVICE_NAME}-ops` } },
    pino.destination(2),
  );
  const clock = new SystemClock();
  const dataSource = new DataSource(
    dataSourceOptions({ ...databaseSettingsFromEnv(config, `${SERVICE_NAME}-ops`, []), poolMax: 4 }),
  );
  await dataSource.initialize();
  const kafkaSettings = kafkaSettingsFromEnv(config, SERVICE_NAME);
  const connection = new KafkaConnection(createKafka(kafkaSettings, logger));
  const client = createSearchClient(
    { url: config.SEARCH_URL, username: config.SEARCH_USERNAME, password: config.SEARCH_PASSWORD },
    { requestTimeoutMs: 60_000 },
  );
  const index = new OpenSearchOfferIndex(
    client,
    offerIndexNames(config.SEARCH_INDEX_PREFIX),
    config.SEARCH_REPLICAS,
    clock,
    logger,
  );
  return {
    config,
    logger,
    clock,
    dataSource,
    client,
    source: new PgOfferSource(dataSource, config.OFFER_SOURCE_SCHEMA, logger),
    index,
    indexOffers: new IndexOffersUseCase(
      index,
      new PgIndexStateRepository(dataSource),
      new KafkaEventPublisher(connection, kafkaSettings),
    ),
    close: async () => {
      await Promise.allSettled([connection.close(), client.close(), dataSource.destroy()]);
    },
  };
}
