import {
  DynamicModule,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from '@opensearch-project/opensearch';
import { SystemClock } from '@vigie/kernel';
import { errorMessage, PeriodicJob } from '@vigie/messaging';
import { HealthRegistry } from '@vigie/observability';
import type { Logger } from 'pino';
import { OfferIndex } from '../indexing/offer-index.port';
import { createSearchClient, IndexHealthCheck, IndexPreparation, SearchSettings } from '@vigie/search-engine';
import { BulkWriteSettings, offerIndexNames, OpenSearchOfferIndex } from './opensearch-offer-index';

export interface SearchModuleOptions extends SearchSettings {
  indexPrefix: string;
  replicas: number;
  bulk: BulkWriteSettings;
  logger: Logger;
}

/** Creates the offers index in the background, so the service starts (not ready) while the engine is down. */
@Injectable()
class SearchLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly preparation: IndexPreparation;
  private readonly refresh: PeriodicJob;

  constructor(
    private readonly index: OpenSearchOfferIndex,
    health: IndexHealthCheck,
    private readonly client: Client,
    private readonly logger: Logger,
    idleMs: number,
  ) {
    this.preparation = new IndexPreparation({
      ensureIndex: () => index.ensureIndex(),
      health,
      indexLabel: 'offers',
      logger,
    });
    // Brings the usual refresh interval back once a bulk load is over (BulkLoadRefresh).
    this.refresh = new PeriodicJob({
      name: 'bulk-load-refresh',
      intervalMs: Math.max(250, Math.floor(idleMs / 2)),
      logger,
      run: () => this.index.settleRefresh(),
    });
  }

  onApplicationBootstrap(): void {
    this.preparation.start();
    this.refresh.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.preparation.stop();
    await this.refresh.close();
    await this.index
      .restoreRefresh()
      .catch((e: unknown) =>
        this.logger.warn({ err: errorMessage(e) }, 'could not restore the refresh interval'),
      );
    await this.client.close();
  }
}

@Module({})
export class SearchModule {
  static forRoot(options: SearchModuleOptions): DynamicModule {
    return {
      module: SearchModule,
      providers: [
        {
          provide: Client,
          // Bulk requests of several megabytes may take a while on a loaded engine.
          useFactory: () => createSearchClient(options, { requestTimeoutMs: 30_000 }),
        },
        {
          provide: OpenSearchOfferIndex,
          useFactory: (c: Client) =>
            new OpenSearchOfferIndex(
              c,
              offerIndexNames(options.indexPrefix),
              options.replicas,
              new SystemClock(),
              options.logger,
              options.bulk,
            ),
          inject: [Client],
        },
        { provide: OfferIndex, useExisting: OpenSearchOfferIndex },
        {
          provide: IndexHealthCheck,
          useFactory: (c: Client, registry: HealthRegistry) => {
            const check = new IndexHealthCheck(c, 'offers');
            registry.register(check);
            return check;
          },
          inject: [Client, HealthRegistry],
        },
        {
          provide: SearchLifecycle,
          useFactory: (i: OpenSearchOfferIndex, h: IndexHealthCheck, c: Client) =>
            new SearchLifecycle(i, h, c, options.logger, options.bulk.refresh.idleMs),
          inject: [OpenSearchOfferIndex, IndexHealthCheck, Client],
        },
      ],
      exports: [OfferIndex, Client],
    };
  }
}
