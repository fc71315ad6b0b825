/**
 * npm run measure:search-profile — where one search's time goes, request by request, over a large
 * index of generated offers (bench/support/generated-offers.ts). The index is built once (kept
 * between runs, PROFILE_KEEP=0 drops it), then every query of bench:search's mix runs through
 * offer-search's use case PROFILE_ROUNDS times, one at a time, and each engine request is timed by
 * its kind (hits, count alone, count with facets, leaders of the cluster collapse, documents shown
 * with their highlights). Figures depend on load.
 */
import { loadavg } from 'node:os';
import type { Client } from '@opensearch-project/opensearch';
import { loadGazetteer } from '@vigie/geo';
import { SystemClock } from '@vigie/kernel';
import { OFFER_INDEX_MAPPINGS, OFFER_INDEX_SETTINGS } from '@vigie/offer-index';
import { createSearchClient } from '@vigie/search-engine';
import { offerBulkLines } from '../apps/offer-indexer/src/search/bulk-requests';
import { GazetteerCommuneDirectory } from '../apps/offer-search/src/places/gazetteer-commune-directory';
import { OpenSearchOfferSearchIndex } from '../apps/offer-search/src/search/opensearch-offer-search-index';
import { SearchOffersUseCase } from '../apps/offer-search/src/search/search-offers.usecase';
import { GeneratedOffers } from './support/generated-offers';
import { QUERY_MIX } from './support/search-query-mix';

const OFFERS = Number(process.env.PROFILE_OFFERS ?? 100_000);
const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 5);
/** Clients running the mix at once (bench:search runs 4), each from its own place in it. */
const CLIENTS = Number(process.env.PROFILE_CLIENTS ?? 1);
const INDEX = process.env.PROFILE_INDEX ?? `search-profile-${OFFERS}`;
const URL = process.env.SEARCH_URL ?? 'http://127.0.0.1:9200';
/** Offers per `_bulk` request and requests in flight while the index is built. */
const BULK_DOCS = 5_000;
const BULK_IN_FLIGHT = Number(process.env.PROFILE_BULK_IN_FLIGHT ?? 3);
/** PROFILE_RESUME=1: an index with fewer offers is completed instead of built again. */
const RESUME = process.env.PROFILE_RESUME === '1';
/** PROFILE_REQUEST_CACHE=off: the index's shard request cache off during the run. */
const REQUEST_CACHE = process.env.PROFILE_REQUEST_CACHE !== 'off';
const say = (line: string) => process.stdout.write(`${line}\n`);

type Kind = 'hits' | 'count' | 'facets' | 'leaders' | 'documents';

function kindOf(body: Record<string, unknown>): Kind {
  if (body.collapse) return 'leaders';
  if (body.aggs) return 'facets';
  if (body.size === 0) return 'count';
  // The request by id for the offers shown (with their highlights on a text search).
  if (body._source !== false) return 'documents';
  return 'hits';
}

async function ensureIndex(client: Client, gazetteer: ReturnType<typeof loadGazetteer>): Promise<void> {
  const exists = (await client.indices.exists({ index: INDEX })).body;
  let from: number | null = null;
  if (exists) {
    await client.indices.refresh({ index: INDEX });
    const { body } = await client.count({ index: INDEX });
    const count = (body as { count: number }).count;
    if (count === OFFERS) return;
    // A build cut short goes on from where it stopped: the requests in flight may have ended in
    // any order, so the last few are sent again (same external version: 409, already there).
    if (RESUME && count < OFFERS)
      from = Math.max(0, Math.floor(count / BULK_DOCS) - BULK_IN_FLIGHT) * BULK_DOCS;
    else await client.indices.delete({ index: INDEX });
  }
  if (from === null) {
    await client.indices.create({
      index: INDEX,
      body: { settings: OFFER_INDEX_SETTINGS(0), mappings: OFFER_INDEX_MAPPINGS },
    });
  }
  const offers = new GeneratedOffers(gazetteer, new Date());
  const indexedAt = new Date().toISOString();
  const started = Date.now();
  const bulkOf = (start: number): string => {
    let body = '';
    for (let i = start; i < Math.min(OFFERS, start + BULK_DOCS); i++) {
      const o = offers.offer(i);
      body += offerBulkLines(INDEX, {
        kind: 'upsert',
        offerId: o.offerId,
        version: o.version,
        document: {
          ...o.offer,
          offerId: o.offerId,
          recruiterId: o.recruiterId,
          version: o.version,
          indexedAt,
        },
      });
    }
    return body;
  };
  // Several requests in flight: one at a time left a core idle while this process built the next
  // body, and a 741k build took most of an hour.
  let nextStart = from ?? 0;
  await Promise.all(
    Array.from({ length: BULK_IN_FLIGHT }, async () => {
      while (nextStart < OFFERS) {
        const body = bulkOf(nextStart);
        nextStart += BULK_DOCS;
        const result = (await client.bulk({ body: body as never })).body as unknown as BulkAnswer;
        if (refused(result)) throw new Error('bulk refused an offer');
      }
    }),
  );
  await client.indices.refresh({ index: INDEX });
  say(`built ${INDEX}: ${OFFERS} offers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

interface BulkAnswer {
  errors: boolean;
  items: Array<Record<string, { status: number }>>;
}

/** Whether an offer was refused; 409 is an offer already there at its version (a resumed build). */
function refused(answer: BulkAnswer): boolean {
  return (
    answer.errors &&
    answer.items.some((item) => Object.values(item).some((r) => r.status >= 300 && r.status !== 409))
  );
}

async function main(): Promise<void> {
  const client = createSearchClient({ url: URL }, { requestTimeoutMs: 120_000 });
  const gazetteer = loadGazetteer();
  await ensureIndex(client, gazetteer);
  const timings = new Map<Kind, number[]>();
  let recording = false;
  const search = client.search.bind(client) as (p: { body: Record<string, unknown> }) => Promise<unknown>;
  (client as unknown as { search: typeof search }).search = async (params) => {
    const t = process.hrtime.bigint();
    const answer = await search(params);
    if (recording) {
      const kind = kindOf(params.body);
      const list = timings.get(kind) ?? [];
      list.push(Number(process.hrtime.bigint() - t) / 1e6);
      timings.set(kind, list);
    }
    return answer;
  };
  const sut = new SearchOffersUseCase(
    new OpenSearchOfferSearchIndex(client, INDEX),
    new GazetteerCommuneDirectory(gazetteer),
    new SystemClock(),
    { maxPageSize: 50, maxDepth: 1_000, query: {} },
  );
  await setRequestCache(client, REQUEST_CACHE);
  for (const params of QUERY_MIX) await sut.execute(params);
  recording = true;
  const cpuBefore = await engineCpuMs(client);
  const perQuery = new Map<string, number[]>();
  const whole: number[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let n = 0; n < ROUNDS * QUERY_MIX.length; n++) {
        const params = QUERY_MIX[(c * 7 + n) % QUERY_MIX.length]!;
        const t = process.hrtime.bigint();
        await sut.execute(params);
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        whole.push(ms);
        const key = JSON.stringify(params);
        perQuery.set(key, [...(perQuery.get(key) ?? []), ms]);
      }
    }),
  );
  say(
    `${INDEX}, ${CLIENTS} client(s), ${ROUNDS} rounds of ${QUERY_MIX.length} queries each, request cache ${REQUEST_CACHE ? 'on' : 'off'}, load average ${loadavg()[0]!.toFixed(1)}`,
  );
  const cpu = (await engineCpuMs(client)) - cpuBefore;
  say(
    `  engine CPU       ${(cpu / whole.length).toFixed(1)} ms per search (the node's process, all its users)`,
  );
  say(`  search (whole)   mean ${mean(whole).toFixed(1)} ms, p50 ${pct(whole, 50)}, p95 ${pct(whole, 95)}`);
  for (const [kind, list] of timings)
    say(
      `  ${kind.padEnd(16)} ${String(list.length).padStart(4)} requests, mean ${mean(list).toFixed(1)} ms, p95 ${pct(list, 95)}`,
    );
  say('  slowest queries (median ms):');
  const slowest = [...perQuery].map(([query, ms]) => ({ query, ms: median(ms) }));
  for (const q of slowest.sort((a, b) => b.ms - a.ms).slice(0, 8))
    say(`    ${q.ms.toFixed(1).padStart(7)}  ${q.query}`);
  await setRequestCache(client, true);
  if (process.env.PROFILE_KEEP === '0') await client.indices.delete({ index: INDEX });
  await client.close();
}

/**
 * The shard request cache answers the size-0 count-and-facets request again for as long as the
 * index does not change, and this loop repeats the same 30 queries: off, every search costs what a
 * new query (or a node refreshing under writes) costs.
 */
async function setRequestCache(client: Client, enabled: boolean): Promise<void> {
  await client.indices.putSettings({ index: INDEX, body: { index: { 'requests.cache.enable': enabled } } });
}

/** CPU time of the engine's processes so far: on a node of one's own, what the searches cost it, whatever the load. */
async function engineCpuMs(client: Client): Promise<number> {
  const { body } = await client.nodes.stats({ metric: ['process'] });
  const nodes = Object.values(
    (body as { nodes: Record<string, { process: { cpu: { total_in_millis: number } } }> }).nodes,
  );
  return nodes.reduce((sum, n) => sum + n.process.cpu.total_in_millis, 0);
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const median = (v: number[]) => pct(v, 50);
function pct(v: number[], p: number): number {
  const s = [...v].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
}

main().catch((e: unknown) => {
  process.stderr.write(`measure:search-profile failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
