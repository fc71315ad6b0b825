import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { parseOrThrow } from '@vigie/platform';
import { mapCvErrors } from '../cvs/cv-http-errors';
import { RecruiterAuthGuard, RecruiterQuota } from '../recruiters/recruiter-auth.guard';
import { CvSearchParamsSchema } from './cv-search-params';
import { CvSearchResult } from './cv-search-index.port';
import { SearchCvsUseCase } from './search-cvs.usecase';

/** Recruiters search anonymised CVs with the API key offer-ingestion issued them. */
@ApiTags('cv-search')
@ApiSecurity('api-key')
@UseGuards(RecruiterAuthGuard)
@Controller('v1/cv-search')
export class CvSearchController {
  constructor(private readonly searchCvs: SearchCvsUseCase) {}

  @Get()
  @RecruiterQuota('search')
  @ApiOperation({
    summary: 'Search anonymised CVs by skills, title, commune + radius, contract wishes and experience.',
    description:
      'Results carry the anonymised profile only: no name, photo, birth date or age, gender, ' +
      'nationality, family situation, address beyond the commune, e-mail or phone. 400 names each ' +
      'bad parameter; 401 without a valid `x-api-key`; 429 (Retry-After) once the key’s search quota is spent.',
  })
  @ApiQuery({
    name: 'skills',
    required: false,
    description: 'Comma-separated; every skill must be on the CV.',
  })
  @ApiQuery({ name: 'title', required: false, description: 'Words of the current or a past job title.' })
  @ApiQuery({ name: 'commune', required: false, description: 'INSEE code of the commune (e.g. 44109).' })
  @ApiQuery({
    name: 'radius',
    required: false,
    description: 'Kilometres around the commune (default 30, max 200).',
  })
  @ApiQuery({
    name: 'contract',
    required: false,
    description: 'Comma-separated contract types, any of (cdi,cdd…).',
  })
  @ApiQuery({ name: 'minExperience', required: false, description: 'Minimum years of experience.' })
  @ApiQuery({ name: 'page', required: false, description: 'From 1 (default 1, max 50).' })
  @ApiQuery({ name: 'size', required: false, description: 'Results per page (default 20, max 50).' })
  @ApiResponse({
    status: 200,
    description: '{ total, page, size, hits: [anonymised profiles with their cvId] }',
  })
  async search(
    @Query() query: Record<string, unknown>,
  ): Promise<CvSearchResult & { page: number; size: number }> {
    const params = parseOrThrow(CvSearchParamsSchema, query, 'search parameters');
    return mapCvErrors(() => this.searchCvs.execute(params));
  }
}
