import {
  DynamicModule,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from '@opensearch-project/opensearch';
import { backoffDelay, errorMessage, sleep } from '@vigie/messaging';
import { HealthRegistry } from '@vigie/observability';
import type { Logger } from 'pino';
import { OfferIndex } from '../indexing/offer-index.port';
import { createSearchClient, SearchSettings } from '@vigie/search-engine';
import { SearchHealthCheck } from './search-health';
import { offerIndexNames, OpenSearchOfferIndex } from './opensearch-offer-index';

export interface SearchModuleOptions extends SearchSettings {
  indexPrefix: string;
  replicas: number;
  logger: Logger;
}

/** Creates the offers index in the background, so the service starts (not ready) while the engine is down. */
@Injectable()
class SearchLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private stopped = false;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly index: OfferIndex,
    private readonly health: SearchHealthCheck,
    private readonly client: Client,
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.pending = this.prepare();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.pending;
    await this.client.close();
  }

  private async prepare(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.index.ensureIndex();
        this.health.indexReady = true;
        return;
      } catch (e) {
        this.logger.warn(
          { err: errorMessage(e), attempt },
          'search engine not ready; will retry creating the offers index',
        );
        await sleep(backoffDelay(attempt));
      }
    }
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
          provide: OfferIndex,
          useFactory: (c: Client) =>
            new OpenSearchOfferIndex(c, offerIndexNames(options.indexPrefix), options.replicas),
          inject: [Client],
        },
        {
          provide: SearchHealthCheck,
          useFactory: (c: Client, registry: HealthRegistry) => {
            const check = new SearchHealthCheck(c);
            registry.register(check);
            return check;
          },
          inject: [Client, HealthRegistry],
        },
        {
          provide: SearchLifecycle,
          useFactory: (i: OfferIndex, h: SearchHealthCheck, c: Client) =>
            new SearchLifecycle(i, h, c, options.logger),
          inject: [OfferIndex, SearchHealthCheck, Client],
        },
      ],
      exports: [OfferIndex, Client],
    };
  }
}
