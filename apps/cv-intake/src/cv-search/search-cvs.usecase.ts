import { Injectable } from '@nestjs/common';
import { CvError } from '../cvs/cv-errors';
import { CommuneDirectory } from './commune-directory.port';
import { CvSearchParams, DEFAULT_RADIUS_KM } from './cv-search-params';
import { CvSearchIndex, CvSearchResult } from './cv-search-index.port';

/** A recruiter's CV search: the commune resolved through the gazetteer, then the index queried. */
@Injectable()
export class SearchCvsUseCase {
  constructor(
    private readonly index: CvSearchIndex,
    private readonly communes: CommuneDirectory,
  ) {}

  async execute(params: CvSearchParams): Promise<CvSearchResult & { page: number; size: number }> {
    let near: { geo: { latitude: number; longitude: number }; radiusKm: number } | undefined;
    if (params.commune !== undefined) {
      const commune = this.communes.commune(params.commune);
      if (!commune) {
        throw new CvError('CV_SEARCH_UNKNOWN_COMMUNE', 'no such commune', [
          { field: 'commune', reason: `unknown INSEE code ${params.commune}` },
        ]);
      }
      near = { geo: commune.geo, radiusKm: params.radius ?? DEFAULT_RADIUS_KM };
    }
    const result = await this.index.search({
      skills: params.skills ?? [],
      ...(params.title !== undefined ? { title: params.title } : {}),
      ...(near ? { near } : {}),
      contractTypes: params.contract ?? [],
      ...(params.minExperience !== undefined ? { minExperienceYears: params.minExperience } : {}),
      from: (params.page - 1) * params.size,
      size: params.size,
    });
    return { ...result, page: params.page, size: params.size };
  }
}
