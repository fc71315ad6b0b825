import { Client } from '@opensearch-project/opensearch';
import { Clock } from '@vigie/kernel';
import { OFFER_INDEX_MAPPINGS, OFFER_INDEX_SETTINGS } from '@vigie/offer-index';
import type { Logger } from 'pino';
import { OfferIndex } from '../indexing/offer-index.port';
import { IndexGenerations } from '../reindex/index-generations.port';
import {
  DEFAULT_BULK_WRITE,
  isCurrentGeneration,
  OfferIndexNames,
  OpenSearchOfferIndex,
  rebuiltIndexName,
} from './opensearch-offer-index';

/** The generations of the offers index on OpenSearch: aliases, index settings, deletion. */
export class OpenSearchIndexGenerations extends IndexGenerations {
  private readonly backfillAlias: string;

  constructor(
    private readonly client: Client,
    private readonly names: OfferIndexNames,
    private readonly replicas: number,
    private readonly clock: Clock,
    private readonly logger: Pick<Logger, 'warn' | 'info'>,
  ) {
    super();
    if (names.backfillAlias === undefined) throw new Error('a reindex needs the backfill alias');
    this.backfillAlias = names.backfillAlias;
  }

  async current(): Promise<string | null> {
    const holders = await this.holders(this.names.alias);
    return holders.length === 1 ? holders[0]! : null;
  }

  isCurrentGeneration(index: string): boolean {
    return isCurrentGeneration(this.names, index);
  }

  inBackfill(): Promise<string[]> {
    return this.holders(this.backfillAlias);
  }

  async createNext(): Promise<string> {
    const index = rebuiltIndexName(this.names, this.clock.now());
    await this.client.indices.create({
      index,
      body: {
        // A bulk load: no refresh and no replica until sealed (both come back in seal()).
        settings: { ...OFFER_INDEX_SETTINGS(0), refresh_interval: '-1' },
        mappings: OFFER_INDEX_MAPPINGS,
        aliases: { [this.backfillAlias]: {} },
      },
    });
    return index;
  }

  writerFor(index: string): OfferIndex {
    return new OpenSearchOfferIndex(
      this.client,
      { alias: index, index },
      0,
      this.clock,
      this.logger,
      // The backfill sets the index's refresh itself: the writer's bulk-load relaxation stays off.
      {
        ...DEFAULT_BULK_WRITE,
        refresh: { ...DEFAULT_BULK_WRITE.refresh, bulkMinDocs: Number.MAX_SAFE_INTEGER },
      },
    );
  }

  async seal(index: string): Promise<void> {
    const usual = OFFER_INDEX_SETTINGS(this.replicas);
    await this.client.indices.putSettings({
      index,
      body: {
        index: { refresh_interval: usual.refresh_interval, number_of_replicas: usual.number_of_replicas },
      },
    });
    await this.client.indices.refresh({ index });
    // Replicas (production) must be allocated before readers come: a red or yellow index would
    // serve from fewer copies than the one it replaces.
    await this.client.cluster.health({
      index,
      wait_for_status: this.replicas > 0 ? 'green' : 'yellow',
      timeout: '5m',
    });
  }

  async swap(from: string, to: string): Promise<void> {
    await this.client.indices.updateAliases({
      body: {
        actions: [
          { remove: { index: from, alias: this.names.alias } },
          { add: { index: to, alias: this.names.alias, is_write_index: true } },
          { remove: { index: to, alias: this.backfillAlias } },
        ],
      },
    });
    this.logger.info({ alias: this.names.alias, from, to }, 'offers alias swapped');
  }

  async drop(index: string): Promise<void> {
    await this.client.indices.delete({ index }, { ignore: [404] });
  }

  async abandon(index: string): Promise<void> {
    await this.client.indices.deleteAlias({ index, name: this.backfillAlias }, { ignore: [404] });
    await this.drop(index);
  }

  private async holders(alias: string): Promise<string[]> {
    const response = await this.client.indices.getAlias({ name: alias }, { ignore: [404] });
    return response.statusCode === 404 ? [] : Object.keys(response.body);
  }
}
