import type { ParsedQuery } from '@vigie/analysis';
import type { ContractType, RemoteMode, SearchCriteria, WorkingTime } from '@vigie/contracts';
import { DomainError } from '@vigie/kernel';
import type { ResolvedWhere, SearchSort } from '@vigie/offer-index';

/** One search, validated: what the index is asked for. */
export interface SearchCommand {
  readonly criteria: SearchCriteria;
  readonly parsed: ParsedQuery | null;
  readonly place: ResolvedWhere | null;
  readonly publishedSince: Date | null;
  readonly sort: SearchSort;
  readonly size: number;
  /** The sort values of the last result already shown (search_after), null on the first page. */
  readonly after: readonly SortValue[] | null;
  readonly now: Date;
  readonly facets: boolean;
}

export type SortValue = string | number | null;

export interface OfferSummary {
  offerId: string;
  title: string;
  companyName: string | null;
  contractType: ContractType;
  workingTime: WorkingTime | null;
  remote: RemoteMode;
  place: {
    label: string;
    communeCode: string | null;
    communeName: string | null;
    departmentCode: string | null;
  } | null;
  salary: { minAnnualEur: number | null; maxAnnualEur: number | null; label: string | null } | null;
  romeCode: string | null;
  publishedAt: string;
  validThrough: string | null;
  /** Escaped text with the matched terms in <mark>…</mark>; absent without a text query. */
  highlights: { title?: string[]; description?: string[] };
  /** From the searched commune's centre, when the search has one. */
  distanceKm: number | null;
}

export interface FacetBucket {
  value: string;
  count: number;
}

/** Counts of live matching offers (copies of one job included) per value of each facet. */
export interface SearchFacets {
  contract: FacetBucket[];
  remote: FacetBucket[];
  department: FacetBucket[];
  rome: FacetBucket[];
  /** « at least N € a year », the same rule as minSalary; `none` counts offers without a salary. */
  salary: FacetBucket[];
}

export interface SearchPage {
  /** Live offers matching, copies of one job included. */
  totalOffers: number;
  /** At most `size`, each duplicate cluster once (its best-ranked member). */
  results: OfferSummary[];
  /** Sort values of the last result examined, null when there is nothing more. */
  next: SortValue[] | null;
  /** Results examined to build this page (shown and skipped copies), for the depth cap. */
  examined: number;
  facets: SearchFacets | null;
}

/** The offer as published, for its page. */
export interface PublishedOffer extends Omit<OfferSummary, 'highlights' | 'distanceKm' | 'place'> {
  description: string;
  descriptionHtml: string | null;
  contractSource: string | null;
  place: {
    label: string;
    postalCode: string | null;
    commune: { code: string; name: string } | null;
    departmentCode: string | null;
    regionCode: string | null;
    latitude: number | null;
    longitude: number | null;
  } | null;
  applyUrl: string | null;
}

/** Port: the read side of the offer index. */
export abstract class OfferSearchIndex {
  abstract search(command: SearchCommand): Promise<SearchPage>;
  /** A live offer by id, null when it is not (or no longer) searchable. */
  abstract findLive(offerId: string, now: Date): Promise<PublishedOffer | null>;
}

/** The engine is unreachable, overloaded or failing: the client may retry later. */
export class SearchUnavailableError extends DomainError<'SEARCH_UNAVAILABLE'> {
  constructor(cause: string) {
    super('SEARCH_UNAVAILABLE', `search engine unavailable: ${cause}`);
    this.name = 'SearchUnavailableError';
  }
}
