import { Provider } from '@nestjs/common';
import { Client } from '@opensearch-project/opensearch';
import { Clock } from '@vigie/kernel';
import type { Logger } from 'pino';
import { OfferIndexerConfig } from '../config';
import { OfferIndex } from '../indexing/offer-index.port';
import { RunLock } from '../operations/run-lock.port';
import { OfferSource } from '../reconciliation/offer-source.port';
import { OpenSearchIndexGenerations } from '../search/opensearch-index-generations';
import { offerIndexNames } from '../search/opensearch-offer-index';
import { GenerationBumpJob } from './generation-bump.job';
import { ReindexOffersUseCase, ReindexSettings } from './reindex-offers.usecase';

/** One lock per index, shared by the reindex command and every indexer's generation bump. */
export const reindexLockName = (indexPrefix: string) => `vigie-reindex-offers:${indexPrefix}offers`;

/** How long the previous generation is kept after a swap: searches in flight, a quick way back. */
export const DROP_PREVIOUS_AFTER_MS = 60_000;

/** The generation bump's reindex: the reconciliation's page size and grace period (its catch-up is one). */
export function generationBumpSettings(config: OfferIndexerConfig): ReindexSettings {
  return {
    pageSize: config.RECONCILE_PAGE_SIZE,
    catchUpGraceMs: config.RECONCILE_GRACE_MS,
    dropAfterMs: DROP_PREVIOUS_AFTER_MS,
    dropPrevious: true,
    lockName: reindexLockName(config.SEARCH_INDEX_PREFIX),
  };
}

/** The generation bump inside offer-indexer (needs the reconciliation's OfferSource and RunLock). */
export function reindexProviders(config: OfferIndexerConfig, logger: Logger): Provider[] {
  return [
    {
      provide: GenerationBumpJob,
      useFactory: (client: Client, source: OfferSource, index: OfferIndex, lock: RunLock, clock: Clock) => {
        const names = offerIndexNames(config.SEARCH_INDEX_PREFIX);
        const generations = new OpenSearchIndexGenerations(
          client,
          names,
          config.SEARCH_REPLICAS,
          clock,
          logger,
        );
        return new GenerationBumpJob(
          (pause) => new ReindexOffersUseCase(source, generations, index, lock, clock, logger, pause),
          generationBumpSettings(config),
          30_000,
          logger,
        );
      },
      inject: [Client, OfferSource, OfferIndex, RunLock, Clock],
    },
  ];
}
