import { openSearchAnalysis, PREANALYSED_ANALYZER } from '@vigie/analysis';
import type { Offer } from '@vigie/contracts';
import { OFFER_INDEX_MAPPINGS, OFFER_INDEX_SETTINGS, storedOfferSource } from '@vigie/offer-index';

/** An offer as the indexer stores it: the canonical offer plus its identity and version. */
export interface IndexedOffer {
  offerId: string;
  recruiterId: string;
  version: number;
  offer: Offer;
  /** Where the offer comes from in the shared data (never indexed). */
  sourceId?: string;
}

/**
 * The offer index's settings for a test index. Queries send pre-analysed terms (@vigie/analysis),
 * which needs the chain's `vigie_preanalysed` analyzer; until the mapping's settings carry the
 * chain's analysis block, the chain's is used in their place (same french_text and folded names).
 */
export function offerIndexTestSettings(): Record<string, unknown> {
  const settings = OFFER_INDEX_SETTINGS(0) as Record<string, unknown>;
  const analysis = settings.analysis as { analyzer?: Record<string, unknown> } | undefined;
  return analysis?.analyzer?.[PREANALYSED_ANALYZER]
    ? settings
    : { ...settings, analysis: openSearchAnalysis() };
}

/** The stored document, exactly as the indexer writes it. */
export function offerIndexSource(o: IndexedOffer, indexedAt = new Date()): Record<string, unknown> {
  return storedOfferSource({
    offerId: o.offerId,
    recruiterId: o.recruiterId,
    version: o.version,
    ...o.offer,
    indexedAt: indexedAt.toISOString(),
  });
}

/**
 * A throwaway offer index on the real engine, with the real mapping, loaded with plain `_bulk`.
 * Each suite uses its own name (uniqueId), so parallel suites never collide.
 */
export class TestOfferIndex {
  constructor(
    readonly url: string,
    readonly index: string,
  ) {}

  async create(): Promise<void> {
    await this.request('PUT', `/${this.index}`, {
      settings: offerIndexTestSettings(),
      mappings: OFFER_INDEX_MAPPINGS,
    });
  }

  async drop(): Promise<void> {
    await fetch(`${this.url}/${this.index}`, { method: 'DELETE' }).catch(() => undefined);
  }

  /** Bulk-loads the offers (external versions, like the indexer) and refreshes. */
  async load(offers: readonly IndexedOffer[], batch = 1_000): Promise<void> {
    for (let i = 0; i < offers.length; i += batch) {
      const body = offers
        .slice(i, i + batch)
        .flatMap((o) => [
          JSON.stringify({ index: { _id: o.offerId, version: o.version, version_type: 'external' } }),
          JSON.stringify(offerIndexSource(o)),
        ])
        .join('\n');
      const res = await this.request<{ errors: boolean; items: unknown[] }>(
        'POST',
        `/${this.index}/_bulk?refresh=false`,
        `${body}\n`,
      );
      if (res.errors) {
        const failed = res.items.find((item) => JSON.stringify(item).includes('"error"'));
        throw new Error(`bulk load failed: ${JSON.stringify(failed).slice(0, 1000)}`);
      }
    }
    await this.request('POST', `/${this.index}/_refresh`);
  }

  async search<T = SearchAnswer>(body: unknown): Promise<T> {
    return this.request<T>('POST', `/${this.index}/_search`, body);
  }

  request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return engineRequest<T>(this.url, method, path, body);
  }
}

/** One JSON request to the search engine at `url`; an answer that is not 2xx throws with its body. */
export async function engineRequest<T>(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 2000)}`);
  return JSON.parse(text) as T;
}

export interface SearchAnswer {
  hits: { total: { value: number }; hits: Array<{ _id: string; _score: number | null; sort?: unknown[] }> };
  aggregations?: Record<string, unknown>;
}
