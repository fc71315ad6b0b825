/**
 * `npm run measure:index-cost`: the engine's CPU time per offer indexed, for the production
 * settings and mapping and for variants of them, so a change to the analysis chain or the mapping
 * is judged by what it costs the engine rather than by a throughput the shared machine blurs.
 *
 * Plain `_bulk` requests of `COST_BATCH` (2,000) generated offers, one at a time, `COST_OFFERS`
 * (15,000) per run into a fresh index per run; the engine's process CPU (`_nodes/_local/stats`)
 * before and after. A warm-up run comes first (a fresh node costs twice as much at first), then
 * the variants alternate for `COST_ROUNDS` (2) rounds. Use an engine node of one's own
 * (`SEARCH_URL`): the node's CPU counts every client's work.
 *
 * `COST_VARIANTS` (comma-separated) picks variants by name; default all.
 */
import { loadavg } from 'node:os';
import type { Client } from '@opensearch-project/opensearch';
import { loadGazetteer } from '@vigie/geo';
import { LUCENE_WORD_PATTERN } from './support/lucene-word-pattern';
import { OFFER_INDEX_MAPPINGS, OFFER_INDEX_SETTINGS } from '@vigie/offer-index';
import { createSearchClient } from '@vigie/search-engine';
import type { IndexedOffer } from '@vigie/testing';
import { offerBulkLines } from '../apps/offer-indexer/src/search/bulk-requests';
import { GeneratedOffers } from './support/generated-offers';

const SEARCH_URL = process.env.SEARCH_URL ?? 'http://127.0.0.1:9200';
const OFFERS = Number(process.env.COST_OFFERS ?? 15_000);
const BATCH = Number(process.env.COST_BATCH ?? 2_000);
const ROUNDS = Number(process.env.COST_ROUNDS ?? 2);

type Json = Record<string, unknown>;
interface Variant {
  readonly name: string;
  readonly settings: () => Json;
  readonly mappings: () => Json;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const baseSettings = (): Json => ({ ...clone(OFFER_INDEX_SETTINGS(0)), refresh_interval: '30s' });
const baseMappings = (): Json => clone(OFFER_INDEX_MAPPINGS);

/** Variants of the analysis or the mapping: each changes one thing of the production index. */
function variantsOf(extra: readonly Variant[]): Variant[] {
  const withAnalysis = (name: string, edit: (analysis: Json) => void): Variant => ({
    name,
    settings: () => {
      const s = baseSettings();
      edit(s.analysis as Json);
      return s;
    },
    mappings: baseMappings,
  });
  const analyzer = (a: Json) =>
    (a.analyzer as Json).french_text as { filter: string[]; char_filter: string[] };
  return [
    { name: 'production', settings: baseSettings, mappings: baseMappings },
    withAnalysis('tokenizer char_group', (a) => {
      (a.tokenizer as Json).vigie_words = {
        type: 'char_group',
        tokenize_on_chars: ['whitespace', 'punctuation', 'symbol'],
      };
    }),
    withAnalysis('tokenizer simple_pattern', (a) => {
      (a.tokenizer as Json).vigie_words = { type: 'simple_pattern', pattern: LUCENE_WORD_PATTERN };
    }),
    withAnalysis('no char filter', (a) => (analyzer(a).char_filter = [])),
    withAnalysis('no feminine filter', (a) => {
      analyzer(a).filter = analyzer(a).filter.filter((f) => f !== 'french_feminine');
    }),
    withAnalysis('no stemmer', (a) => {
      analyzer(a).filter = analyzer(a).filter.filter((f) => f !== 'french_stemmer');
    }),
    {
      name: 'unqueried fields not analysed',
      settings: baseSettings,
      mappings: () => {
        const m = baseMappings() as { properties: Record<string, Json> };
        const stored = { type: 'keyword', index: false, doc_values: false };
        delete (m.properties.title as { fields?: unknown }).fields;
        const place = (m.properties.place as { properties: Record<string, Json> }).properties;
        place.label = stored;
        (place.commune as { properties: Record<string, Json> }).properties.name = stored;
        return m;
      },
    },
    withSettings('merge relaxed', {
      'merge.policy.floor_segment': '50mb',
      'merge.policy.segments_per_tier': 20,
    }),
    withSettings('translog flush 2gb', { 'translog.flush_threshold_size': '2gb' }),
    withMapping('filter keywords without doc values', (p) => {
      // Keywords only filtered on (or never queried): the terms index answers a filter, and no
      // sort, facet, collapse or docvalue_fields reads them (search-query.ts, facetAggs).
      const off = (o: Record<string, Json>, ...names: string[]) =>
        names.forEach((n) => (o[n] = { ...o[n], doc_values: false }));
      off(p, 'recruiterId', 'status', 'workingTime');
      off((p.contract as Props).properties, 'source');
      const place = (p.place as Props).properties;
      off(place, 'postalCode', 'regionCode', 'geoPrecision');
      off((place.commune as Props).properties, 'code', 'departmentCode', 'regionCode');
      off((p.moderation as Props).properties, 'status', 'ruleIds');
    }),
    withMapping('description without norms', (p) => {
      p.description = { ...p.description, norms: false };
    }),
    ...extra,
  ];
}

type Props = { properties: Record<string, Json> };

/** A variant of the production index with `edit` merged into its `index.*` settings. */
function withSettings(name: string, edit: Json): Variant {
  return { name, settings: () => ({ ...baseSettings(), ...edit }), mappings: baseMappings };
}

/** A variant of the production mapping, `edit` changing its top-level properties in place. */
function withMapping(name: string, edit: (properties: Record<string, Json>) => void): Variant {
  return {
    name,
    settings: baseSettings,
    mappings: () => {
      const m = baseMappings() as Props;
      edit(m.properties);
      return m;
    },
  };
}

async function cpuMs(client: Client): Promise<number> {
  const r = await client.nodes.stats({ node_id: '_local', metric: ['process'] });
  const nodes = (r.body as { nodes: Record<string, { process: { cpu: { total_in_millis: number } } }> })
    .nodes;
  return Object.values(nodes)[0]!.process.cpu.total_in_millis;
}

function upsertOf(o: IndexedOffer, indexedAt: string) {
  return {
    kind: 'upsert' as const,
    offerId: o.offerId,
    version: o.version,
    document: { ...o.offer, offerId: o.offerId, recruiterId: o.recruiterId, version: o.version, indexedAt },
  };
}

async function run(client: Client, variant: Variant, bodies: (index: string) => string[], n: number) {
  const index = `measure-index-cost-${process.pid}-${Date.now()}`;
  await client.indices.create({
    index,
    body: { settings: variant.settings(), mappings: variant.mappings() },
  });
  try {
    const before = await cpuMs(client);
    const started = Date.now();
    for (const body of bodies(index)) {
      const response = await client.bulk({ body: body as never });
      if ((response.body as { errors: boolean }).errors)
        throw new Error(
          `${variant.name}: the bulk refused an offer: ${JSON.stringify(response.body).slice(0, 500)}`,
        );
    }
    const wallMs = Date.now() - started;
    const cpu = (await cpuMs(client)) - before;
    return { cpuPerOffer: cpu / n, perSecond: n / (wallMs / 1000) };
  } finally {
    await client.indices.delete({ index });
  }
}

export async function measureIndexCost(extra: readonly Variant[] = []): Promise<void> {
  const client = createSearchClient({ url: SEARCH_URL }, { requestTimeoutMs: 120_000 });
  const offers = new GeneratedOffers(loadGazetteer(), new Date());
  const indexedAt = new Date().toISOString();
  const docs = Array.from({ length: OFFERS }, (_, i) => upsertOf(offers.offer(i), indexedAt));
  const bodies = (index: string) => {
    const out: string[] = [];
    for (let s = 0; s < docs.length; s += BATCH)
      out.push(
        docs
          .slice(s, s + BATCH)
          .map((d) => offerBulkLines(index, d))
          .join(''),
      );
    return out;
  };
  const picked = process.env.COST_VARIANTS?.split(',');
  const variants = variantsOf(extra).filter((v) => picked === undefined || picked.includes(v.name));
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`${OFFERS} offers per run, batches of ${BATCH}, ${SEARCH_URL}; load ${loadavg()[0]!.toFixed(1)}`);
  await run(client, variants[0]!, bodies, OFFERS);
  say('warm-up done');
  for (let round = 1; round <= ROUNDS; round++)
    for (const v of variants) {
      const r = await run(client, v, bodies, OFFERS);
      say(
        `round ${round}  ${v.name.padEnd(28)} ${r.cpuPerOffer.toFixed(3)} ms CPU/offer  ` +
          `${Math.round(r.perSecond)} offers/s  load ${loadavg()[0]!.toFixed(1)}`,
      );
    }
  await client.close();
}

if (require.main === module)
  measureIndexCost().catch((e: unknown) => {
    process.stderr.write(`${String((e as Error).stack ?? e)}\n`);
    process.exit(1);
  });
