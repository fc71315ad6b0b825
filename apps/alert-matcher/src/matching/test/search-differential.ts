import type { SearchCriteria } from '@vigie/contracts';
import { loadGazetteer } from '@vigie/geo';
import { buildSearchQuery, OFFER_INDEX_MAPPINGS, resolveWhere } from '@vigie/offer-index';
import {
  type IndexedOffer,
  offerIndexSource,
  offerIndexTestSettings,
  TestOfferIndex,
} from '@vigie/testing/offer-search-index';
import { franceTravailOffers, seededRandom } from '@vigie/testing/unit';
import type { EngineAlert } from '../../engine';
import { generateAlerts } from '../../engine/test/alert-generator';
import { realMatchingData } from '../../engine/test/real-data';
import { matchableOffer } from '../../engine/matchable-offer';
import { enginePlace } from '../alert-book';
import { AlertTermFrequencies } from '../alert-term-frequencies';
import { matchingEngine } from '../matching-engine.factory';

export interface DifferentialOptions {
  readonly searchUrl: string;
  /** Index names start with it (unique per run). */
  readonly indexPrefix: string;
  readonly alerts: number;
  /** The first alerts, also stored as queries in a percolator index. */
  readonly percolatorAlerts: number;
  readonly seed?: number;
  readonly log?: (line: string) => void;
}

/** One offer one side returned for an alert and the other did not. */
export interface Difference {
  readonly alertId: string;
  readonly criteria: SearchCriteria;
  readonly offerId: string;
  readonly offerTitle: string;
  readonly onlyIn: 'engine' | 'search' | 'percolator';
}

export interface DifferentialReport {
  readonly offers: number;
  readonly alerts: number;
  /** Generated alerts whose commune the gazetteer does not know (the API refuses them). */
  readonly alertsSkipped: number;
  readonly alertsMatching: number;
  readonly engineMatches: number;
  readonly searchMatches: number;
  readonly searchDifferences: readonly Difference[];
  readonly percolatorAlerts: number;
  readonly percolatorMatches: number;
  readonly percolatorDifferences: readonly Difference[];
  readonly engineMs: number;
  readonly searchMs: number;
  readonly percolatorMs: number;
}

const COMPANY_SHARE = 0.03;
const MSEARCH_BATCH = 50;
const PERCOLATE_BATCH = 500;

/**
 * The alerts of the differential: the generator's (occupation labels, communes weighted by
 * population, radii, contracts, working time, remote, salary, ROME codes), plus a company name
 * taken from a real offer for a few, in upper case so the folding is exercised. Places are
 * resolved through the gazetteer, as the running matcher resolves them.
 */
function differentialAlerts(
  count: number,
  seed: number,
  offers: readonly IndexedOffer[],
): { alerts: EngineAlert[]; skipped: number } {
  const real = realMatchingData();
  if (real === null) throw new Error('../shared/data is missing: the differential needs the real data');
  const gazetteer = loadGazetteer();
  const random = seededRandom(seed + 1);
  const companies = [...new Set(offers.map((o) => o.offer.companyName).filter((c) => c !== null))];
  const alerts: EngineAlert[] = [];
  let skipped = 0;
  for (const generated of generateAlerts(count, real.data, seed)) {
    const company = random() < COMPANY_SHARE ? companies[Math.floor(random() * companies.length)]! : null;
    const criteria: SearchCriteria = {
      ...generated.criteria,
      company: company === null ? null : company.toUpperCase(),
    };
    if (criteria.where?.kind === 'commune' && gazetteer.commune(criteria.where.communeCode) === null) {
      skipped++;
      continue;
    }
    const place = enginePlace(criteria.where, gazetteer);
    alerts.push({ id: generated.id, criteria, ...(place ? { place } : {}) });
  }
  return { alerts, skipped };
}

/** The search API's query for the alert's criteria (its filters and text, live offers only). */
function searchBody(alert: EngineAlert, now: Date, size: number) {
  const gazetteer = loadGazetteer();
  const body = buildSearchQuery(alert.criteria, resolveWhere(alert.criteria.where, gazetteer), {
    now,
    size,
  });
  // Ids from doc values: the fetch phase reads no stored field (the whole set, for every alert).
  return { ...body, _source: false, stored_fields: ['_none_'], docvalue_fields: ['offerId'], sort: ['_doc'] };
}

function compare(
  alerts: readonly EngineAlert[],
  engine: ReadonlyMap<string, ReadonlySet<string>>,
  other: ReadonlyMap<string, ReadonlySet<string>>,
  otherName: 'search' | 'percolator',
  titles: ReadonlyMap<string, string>,
): Difference[] {
  const out: Difference[] = [];
  const none = new Set<string>();
  for (const a of alerts) {
    const mine = engine.get(a.id) ?? none;
    const theirs = other.get(a.id) ?? none;
    const diff = (offerId: string, onlyIn: Difference['onlyIn']) =>
      out.push({ alertId: a.id, criteria: a.criteria, offerId, offerTitle: titles.get(offerId)!, onlyIn });
    for (const id of mine) if (!theirs.has(id)) diff(id, 'engine');
    for (const id of theirs) if (!mine.has(id)) diff(id, otherName);
  }
  return out;
}

const add = (map: Map<string, Set<string>>, alertId: string, offerId: string) => {
  let set = map.get(alertId);
  if (set === undefined) map.set(alertId, (set = new Set()));
  set.add(offerId);
};

/**
 * « Same answers as search »: the real offers of ../shared/data in a fresh index with the real
 * mapping; each alert's criteria run as one search (`buildSearchQuery`, the search API's query)
 * over that index, and through the running matcher's engine over the same offers; a sample of the
 * alerts stored as percolator queries and every offer percolated. Returns every difference.
 */
export async function runSearchDifferential(options: DifferentialOptions): Promise<DifferentialReport> {
  const log = options.log ?? (() => undefined);
  const offers = franceTravailOffers();
  if (offers === null) throw new Error('../shared/data is missing: the differential needs the real offers');
  const titles = new Map(offers.map((o) => [o.offerId, o.offer.title]));
  const { alerts, skipped } = differentialAlerts(options.alerts, options.seed ?? 8, offers);
  const now = new Date();

  // The running matcher's engine, anchored as in production.
  const t0 = performance.now();
  const frequencies = new AlertTermFrequencies();
  frequencies.prime(alerts.map((a) => ({ q: a.criteria.q, alerts: 1 })));
  const engine = matchingEngine(frequencies);
  for (const a of alerts) engine.upsert(a);
  const byEngine = new Map<string, Set<string>>();
  let engineMatches = 0;
  for (const o of offers) {
    for (const m of engine.match(matchableOffer(o.offerId, o.offer))) {
      add(byEngine, m.alertId, o.offerId);
      engineMatches++;
    }
  }
  const engineMs = performance.now() - t0;
  log(`engine: ${alerts.length} alerts × ${offers.length} offers, ${engineMatches} matches`);

  const index = new TestOfferIndex(options.searchUrl, `${options.indexPrefix}-offers`);
  const percolator = new TestOfferIndex(options.searchUrl, `${options.indexPrefix}-percolator`);
  try {
    await index.create();
    await index.load(offers);
    const t1 = performance.now();
    const bySearch = new Map<string, Set<string>>();
    let searchMatches = 0;
    for (let i = 0; i < alerts.length; i += MSEARCH_BATCH) {
      const batch = alerts.slice(i, i + MSEARCH_BATCH);
      const lines = batch.flatMap((a) => ['{}', JSON.stringify(searchBody(a, now, offers.length))]);
      const res = await index.request<{ responses: MsearchResponse[] }>(
        'POST',
        `/${index.index}/_msearch`,
        `${lines.join('\n')}\n`,
      );
      res.responses.forEach((r, k) => {
        const alert = batch[k]!;
        if (r.error !== undefined) throw new Error(`search for ${alert.id}: ${JSON.stringify(r.error)}`);
        if (r.hits.total.value !== r.hits.hits.length)
          throw new Error(`search for ${alert.id}: ${r.hits.total.value} hits, ${r.hits.hits.length} read`);
        for (const h of r.hits.hits) add(bySearch, alert.id, h.fields.offerId[0]!);
        searchMatches += r.hits.hits.length;
      });
    }
    const searchMs = performance.now() - t1;
    log(`search: ${alerts.length} searches, ${searchMatches} hits in ${(searchMs / 1000).toFixed(1)} s`);
    const searchDifferences = compare(alerts, byEngine, bySearch, 'search', titles);

    // The percolator: the same queries stored, every offer percolated against them.
    const sample = alerts.slice(0, options.percolatorAlerts);
    const mappings = OFFER_INDEX_MAPPINGS as { properties: Record<string, unknown> };
    await percolator.request('PUT', `/${percolator.index}`, {
      settings: offerIndexTestSettings(),
      mappings: { ...mappings, properties: { ...mappings.properties, query: { type: 'percolator' } } },
    });
    const stored = sample
      .flatMap((a) => [
        JSON.stringify({ index: { _id: a.id } }),
        JSON.stringify({ query: searchBody(a, now, 0).query }),
      ])
      .join('\n');
    if (sample.length > 0) {
      const bulk = await percolator.request<{ errors: boolean }>(
        'POST',
        `/${percolator.index}/_bulk?refresh=true`,
        `${stored}\n`,
      );
      if (bulk.errors) throw new Error('percolator: storing the alerts failed');
    }
    log(`percolator: ${sample.length} queries stored`);
    const t2 = performance.now();
    const byPercolator = new Map<string, Set<string>>();
    let percolatorMatches = 0;
    for (let i = 0; sample.length > 0 && i < offers.length; i += PERCOLATE_BATCH) {
      const batch = offers.slice(i, i + PERCOLATE_BATCH);
      const res = await percolator.search<PercolateAnswer>({
        query: { percolate: { field: 'query', documents: batch.map((o) => offerIndexSource(o)) } },
        size: sample.length,
        _source: false,
        track_total_hits: true,
      });
      for (const h of res.hits.hits) {
        for (const slot of h.fields._percolator_document_slot) {
          add(byPercolator, h._id, batch[slot]!.offerId);
          percolatorMatches++;
        }
      }
    }
    const percolatorMs = performance.now() - t2;
    log(
      `percolator: ${sample.length} alerts, ${percolatorMatches} matches in ${(percolatorMs / 1000).toFixed(1)} s`,
    );
    const percolatorDifferences = compare(sample, byEngine, byPercolator, 'percolator', titles);
    return {
      offers: offers.length,
      alerts: alerts.length,
      alertsSkipped: skipped,
      alertsMatching: byEngine.size,
      engineMatches,
      searchMatches,
      searchDifferences,
      percolatorAlerts: sample.length,
      percolatorMatches,
      percolatorDifferences,
      engineMs,
      searchMs,
      percolatorMs,
    };
  } finally {
    await index.drop();
    await percolator.drop();
  }
}

interface MsearchResponse {
  error?: unknown;
  hits: { total: { value: number }; hits: Array<{ fields: { offerId: string[] } }> };
}

interface PercolateAnswer {
  hits: { hits: Array<{ _id: string; fields: { _percolator_document_slot: number[] } }> };
}
