import { Client } from '@opensearch-project/opensearch';
import type { CommuneRef, ContractType, CvProfile } from '@vigie/contracts';
import { CvSearchHit, CvSearchIndex, CvSearchQuery, CvSearchResult } from '../cv-search/cv-search-index.port';
import { CV_STATES, CvIndexNames } from './cv-index.mapping';

interface CvSource {
  cvId: string;
  title: string | null;
  pastTitles?: string[];
  skills?: string[];
  experienceYears?: number | null;
  commune?: CommuneRef | null;
  contractTypes?: ContractType[];
  languages?: CvProfile['languages'];
  education?: CvProfile['education'];
}

/** Recruiter CV search over the `cvs` alias: live CVs only, criteria as filters, text as scoring. */
export class OpenSearchCvSearch extends CvSearchIndex {
  constructor(
    private readonly client: Client,
    private readonly names: CvIndexNames,
  ) {
    super();
  }

  async search(query: CvSearchQuery): Promise<CvSearchResult> {
    const response = await this.client.search({
      index: this.names.alias,
      body: {
        from: query.from,
        size: query.size,
        track_total_hits: true,
        query: { bool: { must: mustClauses(query), filter: filterClauses(query) } },
        sort: [{ _score: 'desc' }, { cvId: 'asc' }],
        _source: [
          'cvId',
          'title',
          'pastTitles',
          'skills',
          'experienceYears',
          'commune',
          'contractTypes',
          'languages',
          'education',
        ],
      },
    });
    const hits = response.body.hits;
    const total = typeof hits.total === 'number' ? hits.total : (hits.total?.value ?? 0);
    return { total, hits: hits.hits.map((h) => toHit(h._source as CvSource)) };
  }
}

function mustClauses(q: CvSearchQuery): Record<string, unknown>[] {
  const must: Record<string, unknown>[] = q.skills.map((skill) => ({
    match: { skills: { query: skill, operator: 'and' } },
  }));
  if (q.title) {
    must.push({ multi_match: { query: q.title, fields: ['title^2', 'pastTitles'], operator: 'and' } });
  }
  return must;
}

function filterClauses(q: CvSearchQuery): Record<string, unknown>[] {
  const filter: Record<string, unknown>[] = [{ term: { state: CV_STATES.live } }];
  if (q.contractTypes.length > 0) filter.push({ terms: { contractTypes: q.contractTypes } });
  if (q.minExperienceYears !== undefined) {
    filter.push({ range: { experienceYears: { gte: q.minExperienceYears } } });
  }
  if (q.near) {
    filter.push({
      geo_distance: {
        distance: `${q.near.radiusKm}km`,
        geo: { lat: q.near.geo.latitude, lon: q.near.geo.longitude },
      },
    });
  }
  return filter;
}

function toHit(s: CvSource): CvSearchHit {
  return {
    cvId: s.cvId,
    title: s.title ?? null,
    pastTitles: s.pastTitles ?? [],
    skills: s.skills ?? [],
    experienceYears: s.experienceYears ?? null,
    commune: s.commune ?? null,
    contractTypes: s.contractTypes ?? [],
    languages: s.languages ?? [],
    education: s.education ?? [],
  };
}
