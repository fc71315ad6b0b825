import { Inject, Injectable } from '@nestjs/common';
import type { ParamBag } from '@vigie/contracts';
import { Clock } from '@vigie/kernel';
import { resolveWhere } from '@vigie/offer-index';
import { CommuneDirectory } from '../places/commune-directory.port';
import { OfferSearchIndex, type OfferSummary, type SearchFacets } from './offer-search-index.port';
import { encodeCursor } from './search-cursor';
import { parseSearchParams, type SearchLimits } from './search-params';

export const SEARCH_LIMITS = Symbol('SEARCH_LIMITS');

export interface SearchResponse {
  totalOffers: number;
  results: OfferSummary[];
  facets: SearchFacets | null;
  /** Pass as `after` for the next page; null at the end or at the depth cap. */
  next: string | null;
}

@Injectable()
export class SearchOffersUseCase {
  constructor(
    private readonly index: OfferSearchIndex,
    private readonly communes: CommuneDirectory,
    private readonly clock: Clock,
    @Inject(SEARCH_LIMITS) private readonly limits: SearchLimits,
  ) {}

  async execute(params: ParamBag): Promise<SearchResponse> {
    const request = parseSearchParams(params, this.limits, this.communes);
    const depth = request.cursor?.depth ?? 0;
    const page = await this.index.search({
      criteria: request.criteria,
      parsed: request.parsed,
      place: resolveWhere(request.criteria.where, this.communes),
      publishedSince: request.publishedSince,
      sort: request.sort,
      size: request.size,
      after: request.cursor?.after ?? null,
      now: this.clock.now(),
      facets: request.facets,
    });
    const reached = depth + page.examined;
    const next =
      page.next !== null && reached < this.limits.maxDepth
        ? encodeCursor({ sort: request.sort, depth: reached, after: page.next })
        : null;
    return { totalOffers: page.totalOffers, results: page.results, facets: page.facets, next };
  }
}
