import { Client, errors } from '@opensearch-project/opensearch';
import { distanceKm } from '@vigie/geo';
import {
  buildSearchQuery,
  liveAt,
  liveOfferClauses,
  SEARCH_FIELDS,
  type SearchRequestBody,
} from '@vigie/offer-index';
import {
  type FacetBucket,
  OfferSearchIndex,
  type OfferSummary,
  type PublishedOffer,
  type SearchCommand,
  type SearchFacets,
  type SearchPage,
  SearchUnavailableError,
  type SortValue,
} from './offer-search-index.port';

/** Salary facet bands, « at least N € a year » (the minSalary rule without unsalaried offers). */
export const SALARY_BANDS = [20_000, 25_000, 30_000, 35_000, 40_000, 50_000, 60_000, 80_000] as const;

const SUMMARY_SOURCE = [
  'offerId',
  'title',
  'companyName',
  'contract.type',
  'workingTime',
  'remote',
  'place',
  'salary',
  'romeCode',
  'publishedAt',
  'validThrough',
  'clusterId',
];

/** Rounds of over-fetching before a page is returned short of `size` (copies can be many). */
const MAX_ROUNDS = 4;

interface StoredPlace {
  label: string;
  postalCode: string | null;
  commune: { code: string; name: string } | null;
  departmentCode: string | null;
  regionCode: string | null;
  geo: { lat: number; lon: number } | null;
}

interface StoredOffer {
  offerId: string;
  title: string;
  description?: string;
  descriptionHtml?: string | null;
  companyName: string | null;
  contract: { type: OfferSummary['contractType']; source?: string | null };
  workingTime: OfferSummary['workingTime'];
  remote: OfferSummary['remote'];
  place: StoredPlace | null;
  salary: OfferSummary['salary'];
  romeCode: string | null;
  applyUrl?: string | null;
  publishedAt: string;
  validThrough: string | null;
  clusterId: string | null;
}

type Highlight = Record<string, string[]>;

interface Hit {
  /** Absent on the hits request, which reads no stored field (`offerId` comes in `fields`). */
  _id?: string;
  _source: StoredOffer;
  sort: SortValue[];
  highlight?: Highlight;
  fields?: Record<string, string[]>;
}

interface Answer {
  hits: { total?: { value: number }; hits: Hit[] };
  aggregations?: Record<string, { buckets?: unknown; doc_count?: number }>;
}

/**
 * The read side on OpenSearch. Each duplicate cluster is shown once, at its best-ranked member:
 * the engine refuses `collapse` with `search_after`, so a page is the sorted hits from the cursor
 * minus those that are not their cluster's leader, the leaders of the page's clusters being found by
 * one collapsed query (no search_after) restricted to those clusters. Filters add no score, so both
 * queries rank alike.
 */
export class OpenSearchOfferSearchIndex extends OfferSearchIndex {
  constructor(
    private readonly client: Client,
    private readonly alias: string,
  ) {
    super();
  }

  async search(command: SearchCommand): Promise<SearchPage> {
    const base = buildSearchQuery(command.criteria, command.place, {
      now: liveAt(command.now),
      publishedSince: command.publishedSince,
      ...(command.parsed ? { parsed: command.parsed } : {}),
      sort: command.sort,
      size: command.size,
    });
    // The count and the facets go over every match, the page needs only the best hits: asked
    // apart and in parallel, the count skips scoring and the hits request, with no total to keep
    // exact, skips blocks of documents that cannot reach the top (docs/search.md).
    const [summary, page] = await Promise.all([this.summary(base, command.facets), this.page(base, command)]);
    return { ...summary, ...page };
  }

  /** The page: sorted hits from the cursor, each cluster at its leader, highlighted. */
  private async page(
    base: SearchRequestBody,
    command: SearchCommand,
  ): Promise<Pick<SearchPage, 'results' | 'next' | 'examined'>> {
    const fetch = Math.min(command.size * 2 + 10, 200);
    const shown: Hit[] = [];
    let after = command.after;
    let examined = 0;
    let next: SortValue[] | null = null;
    // From the top of the ranking (no cursor), a cluster's first hit is its best-ranked member:
    // anything ranked before it was fetched before it. Only a page after a cursor asks the engine
    // for leaders, since a cluster's leader may then sit on an earlier page.
    const seen = command.after === null ? new Set<string>() : null;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const answer = await this.run({
        ...base,
        size: fetch,
        ...(after ? { search_after: [...after] } : {}),
        track_total_hits: false,
        // Only the id and the cluster, from doc values: no stored field at all (not even `_id`,
        // whose read decompresses the stored block of each hit, description and HTML included);
        // the documents of the offers shown are loaded at the end.
        _source: false,
        stored_fields: '_none_',
        docvalue_fields: [SEARCH_FIELDS.offerId, SEARCH_FIELDS.clusterId],
      });
      const hits = answer.hits.hits;
      const leaders = seen === null ? await this.leaders(base, hits) : null;
      let last: SortValue[] | null = null;
      for (const hit of hits) {
        examined++;
        last = hit.sort;
        const cluster = clusterOf(hit);
        if (cluster === null || isLeader(hit, cluster, leaders, seen)) {
          shown.push(hit);
          if (shown.length === command.size) break;
        }
      }
      if (shown.length === command.size) {
        next = last;
        break;
      }
      if (hits.length < fetch || last === null) {
        next = null;
        break;
      }
      after = last;
      next = last;
    }
    const documents = await this.documents(base, shown, command.parsed !== null);
    // An offer gone or changed out of the search between the two requests is left out.
    const results = shown.flatMap((hit) => {
      const doc = documents.get(idOf(hit));
      return doc ? [summaryOf(doc.source, doc.highlight, command)] : [];
    });
    return { results, next, examined };
  }

  /** Live offers matching (copies included) and, when asked, the facet counts over all of them. */
  private async summary(
    base: SearchRequestBody,
    withFacets: boolean,
  ): Promise<{ totalOffers: number; facets: SearchFacets | null }> {
    // A size-0 request: the shard request cache keeps its answer until the next refresh that
    // changes the index, and liveAt keeps its key the same for a minute.
    const answer = await this.run({
      query: base.query,
      size: 0,
      track_total_hits: true,
      ...(withFacets ? { aggs: facetAggs() } : {}),
    });
    return { totalOffers: answer.hits.total?.value ?? 0, facets: withFacets ? facetsOf(answer) : null };
  }

  /**
   * The documents of the offers shown, highlighted for a text search, in one request by id once
   * the page is known: the rounds over-fetch (up to 2 × size + 10 hits, to skip copies), and
   * loading or highlighting every fetched description was most of a search's time.
   */
  private async documents(
    base: SearchRequestBody,
    shown: readonly Hit[],
    highlight: boolean,
  ): Promise<Map<string, { source: StoredOffer; highlight: Highlight | undefined }>> {
    if (shown.length === 0) return new Map();
    const answer = await this.run({
      query: { bool: { must: [base.query], filter: [{ ids: { values: shown.map(idOf) } }] } },
      size: shown.length,
      _source: SUMMARY_SOURCE,
      track_total_hits: false,
      ...(highlight ? { highlight: HIGHLIGHT } : {}),
    });
    return new Map(answer.hits.hits.map((h) => [idOf(h), { source: h._source, highlight: h.highlight }]));
  }

  async findLive(offerId: string, now: Date): Promise<PublishedOffer | null> {
    const answer = await this.run({
      // The search's rule (liveAt): an offer is gone from its page when it is gone from the search.
      query: { bool: { filter: [{ ids: { values: [offerId] } }, ...liveOfferClauses(liveAt(now))] } },
      size: 1,
    });
    const hit = answer.hits.hits[0];
    return hit ? publishedOf(hit._source) : null;
  }

  /** The best-ranked member of each cluster among `hits`, over every matching offer. */
  private async leaders(base: SearchRequestBody, hits: readonly Hit[]): Promise<Map<string, string>> {
    const clusters = [...new Set(hits.map(clusterOf).filter((c): c is string => c !== null))];
    if (clusters.length === 0) return new Map();
    const answer = await this.run({
      query: { bool: { must: [base.query], filter: [{ terms: { [SEARCH_FIELDS.clusterId]: clusters } }] } },
      sort: base.sort,
      size: clusters.length,
      collapse: { field: SEARCH_FIELDS.clusterId },
      // The collapse key comes back in `fields` (doc values): no stored document to load.
      _source: false,
      track_total_hits: false,
    });
    return new Map(answer.hits.hits.map((h) => [clusterOf(h)!, idOf(h)]));
  }

  private async run(body: Record<string, unknown>): Promise<Answer> {
    try {
      const response = await this.client.search({ index: this.alias, body });
      return response.body as unknown as Answer;
    } catch (e) {
      if (
        e instanceof errors.ConnectionError ||
        e instanceof errors.TimeoutError ||
        e instanceof errors.NoLivingConnectionsError ||
        (e instanceof errors.ResponseError && (e.meta.statusCode === 429 || (e.meta.statusCode ?? 0) >= 500))
      ) {
        throw new SearchUnavailableError(e instanceof Error ? e.message : String(e));
      }
      throw e;
    }
  }
}

const HIGHLIGHT = {
  encoder: 'html',
  pre_tags: ['<mark>'],
  post_tags: ['</mark>'],
  fields: {
    title: { number_of_fragments: 0 },
    description: { fragment_size: 160, number_of_fragments: 2, no_match_size: 0 },
  },
};

/** The salary range bucket of every offer with a salary (not a band of the answer). */
const STATED = 'stated';

function facetAggs(): Record<string, unknown> {
  const f = SEARCH_FIELDS;
  return {
    contract: { terms: { field: f.contract, size: 10 } },
    remote: { terms: { field: f.remote, size: 3 } },
    department: { terms: { field: f.department, size: 110 } },
    rome: { terms: { field: f.rome, size: 20 } },
    // « At least N € a year » is the ceiling (the maximum, else the minimum) reaching N: the
    // minSalary rule without unsalaried offers, as range buckets over one field.
    // An unbounded range counts the offers with a salary: « none » is the total minus those, one
    // pass over the field's doc values instead of a second one for a `missing` aggregation.
    salary: {
      range: {
        field: f.salaryCeiling,
        keyed: true,
        ranges: [...SALARY_BANDS.map((b) => ({ key: String(b), from: b })), { key: STATED }],
      },
    },
  };
}

function facetsOf(answer: Answer): SearchFacets {
  const aggs = answer.aggregations ?? {};
  const terms = (name: string): FacetBucket[] =>
    ((aggs[name]?.buckets ?? []) as Array<{ key: string; doc_count: number }>).map((b) => ({
      value: b.key,
      count: b.doc_count,
    }));
  const bands = (aggs.salary?.buckets ?? {}) as Record<string, { doc_count: number } | undefined>;
  const stated = bands[STATED]?.doc_count ?? 0;
  return {
    contract: terms('contract'),
    remote: terms('remote'),
    department: terms('department'),
    rome: terms('rome'),
    salary: [
      ...SALARY_BANDS.map((b) => ({ value: String(b), count: bands[String(b)]?.doc_count ?? 0 })),
      { value: 'none', count: (answer.hits.total?.value ?? 0) - stated },
    ],
  };
}

/**
 * Whether `hit` leads its cluster: by the engine's collapsed answer after a cursor, else by being
 * the cluster's first hit from the top (`seen` holds the clusters already met, in ranking order).
 */
function isLeader(
  hit: Hit,
  cluster: string,
  leaders: ReadonlyMap<string, string> | null,
  seen: Set<string> | null,
): boolean {
  if (leaders !== null) return leaders.get(cluster) === idOf(hit);
  if (seen!.has(cluster)) return false;
  seen!.add(cluster);
  return true;
}

/** The offer's id: `_id` (the offerId) when stored fields were read, else its doc value. */
function idOf(hit: Hit): string {
  return hit._id ?? hit.fields![SEARCH_FIELDS.offerId]![0]!;
}

/** The hit's duplicate cluster, from the doc values asked (`docvalue_fields`, or the collapse key). */
function clusterOf(hit: Hit): string | null {
  return hit.fields?.[SEARCH_FIELDS.clusterId]?.[0] ?? null;
}

function summaryOf(s: StoredOffer, highlight: Highlight | undefined, command: SearchCommand): OfferSummary {
  const geo = s.place?.geo ?? null;
  const centre = command.place?.kind === 'commune' ? command.place.centre : null;
  return {
    offerId: s.offerId,
    title: s.title,
    companyName: s.companyName,
    contractType: s.contract.type,
    workingTime: s.workingTime,
    remote: s.remote,
    place: s.place && {
      label: s.place.label,
      communeCode: s.place.commune?.code ?? null,
      communeName: s.place.commune?.name ?? null,
      departmentCode: s.place.departmentCode,
    },
    salary: s.salary,
    romeCode: s.romeCode,
    publishedAt: s.publishedAt,
    validThrough: s.validThrough,
    highlights: {
      ...(highlight?.title ? { title: highlight.title } : {}),
      ...(highlight?.description ? { description: highlight.description } : {}),
    },
    distanceKm:
      centre && geo
        ? Math.round(distanceKm(centre, { latitude: geo.lat, longitude: geo.lon }) * 10) / 10
        : null,
  };
}

function publishedOf(s: StoredOffer): PublishedOffer {
  const p = s.place;
  return {
    offerId: s.offerId,
    title: s.title,
    description: s.description ?? '',
    descriptionHtml: s.descriptionHtml ?? null,
    companyName: s.companyName,
    contractType: s.contract.type,
    contractSource: s.contract.source ?? null,
    workingTime: s.workingTime,
    remote: s.remote,
    place: p && {
      label: p.label,
      postalCode: p.postalCode,
      commune: p.commune && { code: p.commune.code, name: p.commune.name },
      departmentCode: p.departmentCode,
      regionCode: p.regionCode,
      latitude: p.geo?.lat ?? null,
      longitude: p.geo?.lon ?? null,
    },
    salary: s.salary,
    romeCode: s.romeCode,
    applyUrl: s.applyUrl ?? null,
    publishedAt: s.publishedAt,
    validThrough: s.validThrough,
  };
}
