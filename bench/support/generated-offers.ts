import { createHash } from 'node:crypto';
import type { ContractType, Offer } from '@vigie/contracts';
import type { Commune, Gazetteer } from '@vigie/geo';
import {
  canonicalOffer,
  franceTravailOffers,
  type IndexedOffer,
  seededRandom,
  syntheticJobAds,
} from '@vigie/testing';

/**
 * Offers for the search benchmark, made from templates: the real France Travail offers of
 * ../shared/data (generated French job ads when it is absent). Offer i is template i mod T moved to
 * a commune drawn by population (so Paris and Lyon hold many offers, as on a job board), with its own
 * employer suffix, salary, contract mix and publication date in the last 60 days: hundreds of
 * thousands of offers whose texts, places and facets look like a real index.
 */
export class GeneratedOffers {
  readonly templates: readonly Offer[];
  readonly source: 'france-travail' | 'synthetic';
  private readonly communes: readonly Commune[];
  private readonly cumulative: Float64Array;
  private readonly now: number;

  constructor(gazetteer: Gazetteer, now: Date) {
    const real = franceTravailOffers();
    this.source = real === null ? 'synthetic' : 'france-travail';
    this.templates = real?.map((o) => o.offer) ?? syntheticTemplates();
    this.communes = gazetteer.communes().filter((c) => c.kind === 'commune-actuelle' && c.population > 0);
    this.cumulative = new Float64Array(this.communes.length);
    let total = 0;
    this.communes.forEach((c, i) => (this.cumulative[i] = total += c.population));
    this.now = now.getTime();
  }

  offer(i: number): IndexedOffer {
    const random = seededRandom(i + 1);
    const template = this.templates[i % this.templates.length]!;
    const commune = this.communeAt(random());
    const salary = template.salary;
    const factor = 0.85 + random() * 0.3;
    const scale = (v: number | null) => (v === null ? null : Math.round(v * factor));
    const offer: Offer = {
      ...template,
      companyName: template.companyName && `${template.companyName} ${commune.name}`.slice(0, 300),
      contract: { type: CONTRACTS[Math.floor(random() * CONTRACTS.length)]!, source: null },
      place: {
        label: `${commune.departmentCode} - ${commune.name}`,
        postalCode: commune.postalCodes[0] ?? null,
        commune: {
          code: commune.code,
          name: commune.name,
          departmentCode: commune.departmentCode,
          regionCode: commune.regionCode,
        },
        departmentCode: commune.departmentCode,
        regionCode: commune.regionCode,
        geo: commune.geo,
        geoPrecision: 'commune',
      },
      salary: salary && {
        ...salary,
        minAnnualEur: scale(salary.minAnnualEur),
        maxAnnualEur: scale(salary.maxAnnualEur),
      },
      publishedAt: new Date(this.now - Math.floor(random() * 60 * 86_400_000)).toISOString(),
      validThrough: null,
      clusterId: uuidOf(`bench-search-cluster-${i}`),
    };
    return { offerId: uuidOf(`bench-search-${i}`), recruiterId: RECRUITER, version: 1, offer };
  }

  private communeAt(draw: number): Commune {
    const target = draw * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return this.communes[lo]!;
  }
}

/** Mostly permanent contracts, as on a French job board. */
const CONTRACTS: readonly ContractType[] = [
  'cdi',
  'cdi',
  'cdi',
  'cdi',
  'cdd',
  'cdd',
  'interim',
  'apprenticeship',
];

const uuidOf = (s: string): string => {
  const h = createHash('sha1').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const RECRUITER = uuidOf('bench-search-recruiter');

function syntheticTemplates(): Offer[] {
  return syntheticJobAds(2_000).map((ad) =>
    canonicalOffer({ title: ad.title, description: ad.description, companyName: ad.companyName }),
  );
}
