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
import { CvSearchIndex } from '../cv-search/cv-search-index.port';
import { CvIndex } from '../indexing/cv-index.port';
import { cvIndexNames } from './cv-index.mapping';
import { OpenSearchCvIndex } from './opensearch-cv-index';
import { OpenSearchCvSearch } from './opensearch-cv-search';
import { createSearchClient, CvSearchHealthCheck, SearchSettings } from './search-client';

export interface CvIndexModuleOptions extends SearchSettings {
  indexPrefix: string;
  replicas: number;
  logger: Logger;
}

/** Creates the cvs index in the background: the service starts (not ready) while the engine is down. */
@Injectable()
class CvIndexLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private stopped = false;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly index: CvIndex,
    private readonly health: CvSearchHealthCheck,
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
          'search engine not ready; will retry creating the cvs index',
        );
        await sleep(backoffDelay(attempt));
      }
    }
  }
}

/** The `cvs` index behind its two ports: writes (indexing) and recruiter queries. */
@Module({})
export class CvIndexModule {
  static forRoot(options: CvIndexModuleOptions): DynamicModule {
    const names = cvIndexNames(options.indexPrefix);
    return {
      module: CvIndexModule,
      providers: [
        { provide: Client, useFactory: () => createSearchClient(options) },
        {
          provide: CvIndex,
          useFactory: (c: Client) => new OpenSearchCvIndex(c, names, options.replicas),
          inject: [Client],
        },
        {
          provide: CvSearchIndex,
          useFactory: (c: Client) => new OpenSearchCvSearch(c, names),
          inject: [Client],
        },
        {
          provide: CvSearchHealthCheck,
          useFactory: (c: Client, registry: HealthRegistry) => {
            const check = new CvSearchHealthCheck(c);
            registry.register(check);
            return check;
          },
          inject: [Client, HealthRegistry],
        },
        {
          provide: CvIndexLifecycle,
          useFactory: (i: CvIndex, h: CvSearchHealthCheck, c: Client) =>
            new CvIndexLifecycle(i, h, c, options.logger),
          inject: [CvIndex, CvSearchHealthCheck, Client],
        },
      ],
      exports: [CvIndex, CvSearchIndex],
    };
  }
}
