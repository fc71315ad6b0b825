import {
  DynamicModule,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from '@opensearch-project/opensearch';
import { HealthRegistry } from '@vigie/observability';
import type { Logger } from 'pino';
import { CvSearchIndex } from '../cv-search/cv-search-index.port';
import { CvIndex } from '../indexing/cv-index.port';
import { cvIndexNames } from './cv-index.mapping';
import { OpenSearchCvIndex } from './opensearch-cv-index';
import { OpenSearchCvSearch } from './opensearch-cv-search';
import { createSearchClient, IndexHealthCheck, IndexPreparation, SearchSettings } from '@vigie/search-engine';

export interface CvIndexModuleOptions extends SearchSettings {
  indexPrefix: string;
  replicas: number;
  logger: Logger;
}

/** Creates the cvs index in the background: the service starts (not ready) while the engine is down. */
@Injectable()
class CvIndexLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly preparation: IndexPreparation;

  constructor(
    index: CvIndex,
    health: IndexHealthCheck,
    private readonly client: Client,
    logger: Logger,
  ) {
    this.preparation = new IndexPreparation({
      ensureIndex: () => index.ensureIndex(),
      health,
      indexLabel: 'cvs',
      logger,
    });
  }

  onApplicationBootstrap(): void {
    this.preparation.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.preparation.stop();
    await this.client.close();
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
        { provide: Client, useFactory: () => createSearchClient(options, { requestTimeoutMs: 10_000 }) },
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
          provide: IndexHealthCheck,
          useFactory: (c: Client, registry: HealthRegistry) => {
            const check = new IndexHealthCheck(c, 'cvs');
            registry.register(check);
            return check;
          },
          inject: [Client, HealthRegistry],
        },
        {
          provide: CvIndexLifecycle,
          useFactory: (i: CvIndex, h: IndexHealthCheck, c: Client) =>
            new CvIndexLifecycle(i, h, c, options.logger),
          inject: [CvIndex, IndexHealthCheck, Client],
        },
      ],
      exports: [CvIndex, CvSearchIndex],
    };
  }
}
