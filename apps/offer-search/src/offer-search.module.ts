import { DynamicModule, Module } from '@nestjs/common';
import { Client } from '@opensearch-project/opensearch';
import { Clock, SystemClock } from '@vigie/kernel';
import { loadGazetteer } from '@vigie/geo';
import { HealthRegistry } from '@vigie/observability';
import { offerSearchAlias } from '@vigie/offer-index';
import { CoreModule, MemoryTokenBucketRateLimiter, RateLimiter } from '@vigie/platform';
import type { Logger } from 'pino';
import { OfferSearchConfig } from './config';
import { IpRateLimitGuard, TRUSTED_PROXY_HOPS } from './http/ip-rate-limit.guard';
import { GetPublishedOfferUseCase, PUBLIC_BASE_URL } from './offers/get-published-offer.usecase';
import { CommuneDirectory } from './places/commune-directory.port';
import { GazetteerCommuneDirectory } from './places/gazetteer-commune-directory';
import { OfferSearchIndex } from './search/offer-search-index.port';
import { OpenSearchOfferSearchIndex } from './search/opensearch-offer-search-index';
import { createSearchClient } from '@vigie/search-engine';
import { SearchReadHealthCheck } from './search/search-health';
import { SearchController } from './search/search.controller';
import { SEARCH_LIMITS, SearchOffersUseCase } from './search/search-offers.usecase';
import type { SearchLimits } from './search/search-params';

@Module({})
export class OfferSearchModule {
  static register(config: OfferSearchConfig, logger: Logger): DynamicModule {
    const alias = offerSearchAlias(config.SEARCH_INDEX_PREFIX);
    const limits: SearchLimits = {
      maxPageSize: config.SEARCH_MAX_PAGE_SIZE,
      maxDepth: config.SEARCH_MAX_DEPTH,
      query: { maxLength: 200, maxTerms: 16 },
    };
    return {
      module: OfferSearchModule,
      imports: [CoreModule.forRoot(logger)],
      controllers: [SearchController],
      providers: [
        { provide: Clock, useClass: SystemClock },
        {
          provide: Client,
          useFactory: () =>
            createSearchClient(
              { url: config.SEARCH_URL, username: config.SEARCH_USERNAME, password: config.SEARCH_PASSWORD },
              // A candidate waits: fail fast rather than queue behind a slow engine.
              { requestTimeoutMs: 5_000 },
            ),
        },
        {
          provide: OfferSearchIndex,
          useFactory: (c: Client) => new OpenSearchOfferSearchIndex(c, alias),
          inject: [Client],
        },
        {
          provide: SearchReadHealthCheck,
          useFactory: (c: Client, registry: HealthRegistry) => {
            const check = new SearchReadHealthCheck(c, alias);
            registry.register(check);
            return check;
          },
          inject: [Client, HealthRegistry],
        },
        { provide: CommuneDirectory, useFactory: () => new GazetteerCommuneDirectory(loadGazetteer()) },
        {
          provide: RateLimiter,
          useFactory: (clock: Clock) =>
            new MemoryTokenBucketRateLimiter(
              {
                burst: config.SEARCH_RATE_LIMIT_BURST,
                perMinute: config.SEARCH_RATE_LIMIT_PER_MINUTE,
                maxKeys: 100_000,
              },
              clock,
            ),
          inject: [Clock],
        },
        { provide: TRUSTED_PROXY_HOPS, useValue: config.SEARCH_TRUSTED_PROXY_HOPS },
        { provide: SEARCH_LIMITS, useValue: limits },
        { provide: PUBLIC_BASE_URL, useValue: config.SEARCH_PUBLIC_BASE_URL },
        IpRateLimitGuard,
        SearchOffersUseCase,
        GetPublishedOfferUseCase,
      ],
    };
  }
}
