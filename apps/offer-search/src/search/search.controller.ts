import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CONTRACT_TYPES, type ParamBag, REMOTE_MODES, WORKING_TIMES } from '@vigie/contracts';
import { SEARCH_SORTS } from '@vigie/offer-index';
import { IpRateLimitGuard } from '../http/ip-rate-limit.guard';
import { toHttpError } from '../http/search-errors';
import { GetPublishedOfferUseCase, type OfferPage } from '../offers/get-published-offer.usecase';
import { SearchOffersUseCase, type SearchResponse } from './search-offers.usecase';

/** Express gives strings, arrays of strings, or (for a[b]=…) objects: only the first two are parameters. */
function paramBag(query: Record<string, unknown>): ParamBag {
  const bag: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(query)) {
    if (typeof v === 'string') bag[k] = v;
    else if (Array.isArray(v)) bag[k] = v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
    else bag[k] = JSON.stringify(v);
  }
  return bag;
}

const list = (values: readonly string[]) => `Comma-separated or repeated: ${values.join(', ')}.`;

@ApiTags('search')
@UseGuards(IpRateLimitGuard)
@Controller('v1/offers')
export class SearchController {
  constructor(
    private readonly searchOffers: SearchOffersUseCase,
    private readonly getOffer: GetPublishedOfferUseCase,
  ) {}

  @Get('search')
  @ApiOperation({
    summary: 'Search the live offers.',
    description:
      'Anonymous. The criteria parameters are those of alerts (an alert is a saved search). Each duplicate ' +
      'cluster appears once. Pages: pass `next` as `after`; pagination stops at the depth cap. ' +
      '400 names every bad parameter; 429 with Retry-After past the per-IP budget.',
  })
  @ApiQuery({
    name: 'q',
    required: false,
    description:
      'Words (all required), "phrases", -exclusions; at most 200 characters and 16 terms. No fields, wildcards or regular expressions.',
  })
  @ApiQuery({ name: 'commune', required: false, description: 'INSEE code (69123) or name (Lyon).' })
  @ApiQuery({
    name: 'radius',
    required: false,
    description: 'km around the commune centre, 1–200 (default 10).',
  })
  @ApiQuery({ name: 'department', required: false, description: 'Department code (69, 2A, 974).' })
  @ApiQuery({ name: 'region', required: false, description: 'INSEE region code (84).' })
  @ApiQuery({
    name: 'remote',
    required: false,
    description: `${list(REMOTE_MODES)} With a place, « full » also keeps fully remote offers anywhere.`,
  })
  @ApiQuery({ name: 'contract', required: false, description: list(CONTRACT_TYPES) })
  @ApiQuery({ name: 'workingTime', required: false, description: list(WORKING_TIMES) })
  @ApiQuery({
    name: 'minSalary',
    required: false,
    description: 'Gross € a year the highest stated salary must reach.',
  })
  @ApiQuery({
    name: 'includeUnsalaried',
    required: false,
    description: 'With minSalary, keep offers stating no salary (default true).',
  })
  @ApiQuery({
    name: 'rome',
    required: false,
    description: 'ROME codes (M1805), comma-separated or repeated.',
  })
  @ApiQuery({
    name: 'company',
    required: false,
    description: 'Company name, whole, case- and accent-insensitive.',
  })
  @ApiQuery({ name: 'publishedSince', required: false, description: 'ISO 8601 date or date-time.' })
  @ApiQuery({
    name: 'sort',
    required: false,
    enum: SEARCH_SORTS,
    description: 'Default: relevance with q, else date; distance needs a commune.',
  })
  @ApiQuery({ name: 'size', required: false, description: 'Results per page, 1–50 (default 20).' })
  @ApiQuery({
    name: 'after',
    required: false,
    description: 'The `next` cursor of the previous page (opaque).',
  })
  @ApiQuery({
    name: 'facets',
    required: false,
    description: 'Facet counts (default: true on the first page, false with `after`).',
  })
  @ApiResponse({ status: 200, description: '{ totalOffers, results[], facets, next }' })
  @ApiResponse({ status: 400, description: 'A parameter is invalid; `error.fields` names each.' })
  @ApiResponse({ status: 429, description: 'Too many searches from this address (Retry-After).' })
  async search(@Query() query: Record<string, unknown>): Promise<SearchResponse> {
    try {
      return await this.searchOffers.execute(paramBag(query));
    } catch (e) {
      throw toHttpError(e);
    }
  }

  @Get(':id')
  @ApiOperation({
    summary: 'The page of a live offer: as published, with its commune and public URL (404 otherwise).',
  })
  @ApiResponse({ status: 404, description: 'Unknown, withdrawn or expired offer.' })
  async offer(@Param('id') id: string): Promise<OfferPage> {
    try {
      return await this.getOffer.execute(id);
    } catch (e) {
      throw toHttpError(e);
    }
  }
}
