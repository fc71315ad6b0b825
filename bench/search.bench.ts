/**
 * npm run bench:search — the offer index at full scale, on the real components:
 *
 * 1. Baseline: the same documents the indexer writes, sent by a minimal script as plain `_bulk`
 *    requests into a fresh index with the production settings and mapping, one request at a time,
 *    at the best of a few batch sizes (probed first on a slice).
 * 2. Real path: BENCH_INDEX_OFFERS (200,000) offers.offer.changed.v2 events on Kafka, then a real
 *    offer-indexer process started on that backlog, until it has published an offers.offer.indexed.v2
 *    event for every offer; the index must then hold them all. Its rate over the baseline's is the ratio.
 * 3. The real index is topped up to BENCH_SEARCH_OFFERS (741,102) with the baseline's bulk path.
 * 4. Search: BENCH_CLIENTS (4) concurrent clients run the query mix below through offer-search's
 *    use case (its parameter parsing, query builder, facets and cluster collapse) for
 *    BENCH_SEARCH_SECONDS (60 s) after a warm-up: latency percentiles and queries per second;
 *    then the same with the index's shard request cache off (`search_nocache_*`; BENCH_SEARCH_NOCACHE=0
 *    skips it): the static index lets the cache answer the mix's repeated count-and-facets requests.
 * 5. Relevance: nDCG@10 of the judged set of `npm run measure:relevance` (its real offers in a
 *    fresh index, its queries through the search API's query builder), as `ndcg_at_10`.
 *
 * Offers are generated from real France Travail offers (bench/support/generated-offers.ts). It
 * writes bench-results/search.json. Everything it creates (topics, indices, schema) is deleted at
 * the end unless BENCH_KEEP=1. The machine is shared: the figures carry the load average.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@opensearch-project/opensearch';
import { offerChangedV2, TOPICS } from '@vigie/contracts';
import { loadGazetteer } from '@vigie/geo';
import { SystemClock } from '@vigie/kernel';
import { buildEvent } from '@vigie/messaging';
import { OFFER_INDEX_MAPPINGS, OFFER_INDEX_SETTINGS } from '@vigie/offer-index';
import { createSearchClient } from '@vigie/search-engine';
import {
  franceTravailIndexedOffers,
  freePort,
  type IndexedOffer,
  repoRoot,
  ServiceProcess,
  sqlIdentifier,
  TestOfferIndex,
  testKafka,
  uniqueId,
} from '@vigie/testing';
import type { Kafka } from 'kafkajs';
import { offerBulkLines } from '../apps/offer-indexer/src/search/bulk-requests';
import { GazetteerCommuneDirectory } from '../apps/offer-search/src/places/gazetteer-commune-directory';
import { OpenSearchOfferSearchIndex } from '../apps/offer-search/src/search/opensearch-offer-search-index';
import { SearchOffersUseCase } from '../apps/offer-search/src/search/search-offers.usecase';
import { engineRankedSearch, evaluateJudgedSet, loadJudgedSet } from './relevance/evaluate';
import { engineCpu, processCpuMs } from './support/cpu-time';
import { GeneratedOffers } from './support/generated-offers';
import { QUERY_MIX } from './support/search-query-mix';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const INDEX_OFFERS = env('BENCH_INDEX_OFFERS', 200_000);
const SEARCH_OFFERS = env('BENCH_SEARCH_OFFERS', 741_102);
const CLIENTS = env('BENCH_CLIENTS', 4);
const SEARCH_SECONDS = env('BENCH_SEARCH_SECONDS', 60);
const PARTITIONS = env('BENCH_PARTITIONS', 6);
const PROBE_OFFERS = env('BENCH_PROBE_OFFERS', 20_000);
const BATCH_SIZES = [500, 1_000, 2_000, 5_000];
const TIMEOUT_MS = env('BENCH_TIMEOUT_MS', 30 * 60_000);
const KEEP = process.env.BENCH_KEEP === '1';
// Offer events per produce request: a partition's record batch must stay under the broker's 1 MiB.
const PRODUCE_BATCH = 150;

interface InfraModule {
  resolveInfrastructure(): Promise<{ env: Record<string, string>; state: unknown }>;
  releaseInfrastructure(state: unknown): Promise<void>;
}

/**
 * nDCG@10 of the judged set (apps/offer-search/test/relevance/judged-queries.json) exactly as
 * `npm run measure:relevance` computes it: the real offers of ../shared/data indexed into a fresh
 * index through the real mapping, each query through the search API's query builder. Relevance
 * does not depend on load, so the figure is comparable between runs.
 */
async function measureRelevance(
  searchUrl: string,
  label: string,
): Promise<{ ndcgAt10: number; recallAt100: number; queries: number; offers: number }> {
  const real = franceTravailIndexedOffers();
  if (real === null)
    throw new Error('ndcg_at_10 needs the judged offers of the shared data folder (../shared/data)');
  const judged = loadJudgedSet();
  const index = new TestOfferIndex(searchUrl, label);
  await index.create();
  try {
    await index.load(real);
    const scores = await evaluateJudgedSet(engineRankedSearch(index, new Date()), judged.queries);
    return {
      ndcgAt10: round(scores.ndcgAt10, 4),
      recallAt100: round(scores.recallAt100, 4),
      queries: scores.queries,
      offers: real.length,
    };
  } finally {
    await index.drop();
  }
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const load = () => loadavg()[0]!.toFixed(1);
const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const infraModule = (await import(join(repoRoot(), 'test', 'infra', 'resolve-infra.mjs'))) as InfraModule;
  const { env: infra, state } = await infraModule.resolveInfrastructure();
  const id = uniqueId('bench-search');
  const client = createSearchClient({ url: infra.VIGIE_TEST_SEARCH_URL! }, { requestTimeoutMs: 120_000 });
  const kafka = testKafka(infra.VIGIE_TEST_KAFKA_BROKERS!);
  const gazetteer = loadGazetteer();
  const offers = new GeneratedOffers(gazetteer, new Date());
  const results: Record<string, number> = {};
  let indexer: ServiceProcess | undefined;
  try {
    say(
      `bench:search — ${INDEX_OFFERS.toLocaleString('en')} offers indexed, ${SEARCH_OFFERS.toLocaleString('en')} searched, ` +
        `from ${offers.templates.length} ${offers.source} templates; load average ${load()} on this shared machine`,
    );

    // 1. Baseline.
    let best = { batch: BATCH_SIZES[0]!, perSecond: 0 };
    for (const batch of BATCH_SIZES) {
      const index = `${id}-probe-${batch}`;
      await createOfferIndex(client, index);
      const perSecond = await bulkLoad(client, index, offers, 0, PROBE_OFFERS, batch);
      await client.indices.delete({ index });
      say(`  probe: batches of ${batch}: ${Math.round(perSecond)} offers/s (load ${load()})`);
      if (perSecond > best.perSecond) best = { batch, perSecond };
    }
    const baselineIndex = `${id}-baseline`;
    await createOfferIndex(client, baselineIndex);
    const engineBeforeBaseline = await engineCpu(client);
    const baseline = await bulkLoad(client, baselineIndex, offers, 0, INDEX_OFFERS, best.batch);
    const baselineEngineCpu = (await engineCpu(client)).cpuMs - engineBeforeBaseline.cpuMs;
    await client.indices.delete({ index: baselineIndex });
    say(`baseline: plain _bulk, batches of ${best.batch}: ${Math.round(baseline)} offers/s (load ${load()})`);

    // 2. Real path.
    const topicPrefix = `${id}.`;
    await produceOfferEvents(kafka, topicPrefix, offers);
    indexer = indexerProcess(id, topicPrefix, infra, await freePort());
    const started = Date.now();
    indexer.start();
    await indexer.ready(120_000);
    const ready = Date.now();
    const indexerCpuAtReady = processCpuMs(indexer.pid!);
    const engineAtReady = await engineCpu(client);
    await waitForIndexedEvents(
      kafka,
      `${topicPrefix}${TOPICS.offerIndexed}`,
      INDEX_OFFERS,
      ready + TIMEOUT_MS,
    );
    const done = Date.now();
    const indexerCpu = processCpuMs(indexer.pid!) - indexerCpuAtReady;
    const engineAtDone = await engineCpu(client);
    const alias = `${id}-offers`;
    await client.indices.refresh({ index: alias });
    const held = await liveCount(client, alias);
    if (held !== INDEX_OFFERS) throw new Error(`the index holds ${held} offers, not ${INDEX_OFFERS}`);
    const indexed = INDEX_OFFERS / ((done - ready) / 1000);
    say(
      `real path: ${Math.round(indexed)} offers/s from the indexer ready (${((ready - started) / 1000).toFixed(1)} s to start) ` +
        `to its last indexed event, ${held} offers in the index (load ${load()})`,
    );
    await indexer.stop();
    Object.assign(results, {
      offers_indexed: INDEX_OFFERS,
      index_offers_per_s: round(indexed),
      baseline_bulk_offers_per_s: round(baseline),
      baseline_batch_size: best.batch,
      ratio_vs_bulk: round(indexed / baseline, 3),
      // Per offer, from the indexer's readiness to its last indexed event: what the two cores pay.
      indexer_cpu_ms_per_offer: round(indexerCpu / INDEX_OFFERS, 3),
      engine_cpu_ms_per_offer: round((engineAtDone.cpuMs - engineAtReady.cpuMs) / INDEX_OFFERS, 3),
      baseline_engine_cpu_ms_per_offer: round(baselineEngineCpu / INDEX_OFFERS, 3),
      engine_index_time_ms_per_offer: round(
        (engineAtDone.indexTimeMs - engineAtReady.indexTimeMs) / INDEX_OFFERS,
        3,
      ),
    });
    say(
      `  CPU per offer: indexer ${results.indexer_cpu_ms_per_offer} ms, engine ${results.engine_cpu_ms_per_offer} ms ` +
        `(indexing time ${results.engine_index_time_ms_per_offer} ms; the baseline's engine ${results.baseline_engine_cpu_ms_per_offer} ms)`,
    );

    // 3. Top-up to the full index, through the baseline path.
    const index = (await client.indices.getAlias({ name: alias })).body;
    const concrete = Object.keys(index)[0]!;
    const topUp = await bulkLoad(client, concrete, offers, INDEX_OFFERS, SEARCH_OFFERS, best.batch);
    await client.indices.refresh({ index: alias });
    const searched = await liveCount(client, alias);
    say(`top-up: ${searched.toLocaleString('en')} offers in the index (${Math.round(topUp)} offers/s)`);

    // 4. Search.
    const latency = await searchLoad(client, alias, gazetteer);
    Object.assign(results, { offers_searched: searched, ...latency, load_average: round(loadavg()[0]!) });
    say(
      `search: p50 ${latency.search_p50_ms} ms, p95 ${latency.search_p95_ms} ms, p99 ${latency.search_p99_ms} ms, ` +
        `${latency.search_qps} queries/s with ${CLIENTS} clients (load ${load()})`,
    );

    // 4b. The same load with the shard request cache off: what a node refreshing under writes, or a
    // stream of queries it has not seen, costs (the static index above lets the cache answer the
    // mix's repeated count-and-facets requests). Reported apart; the targets read step 4.
    if (process.env.BENCH_SEARCH_NOCACHE !== '0') {
      const cache = (enable: boolean) =>
        client.indices.putSettings({ index: concrete, body: { 'index.requests.cache.enable': enable } });
      await cache(false);
      await client.indices.clearCache({ index: concrete, request: true });
      const cold = await searchLoad(client, alias, gazetteer);
      await cache(true);
      Object.assign(results, {
        search_nocache_p50_ms: cold.search_p50_ms,
        search_nocache_p95_ms: cold.search_p95_ms,
        search_nocache_p99_ms: cold.search_p99_ms,
        search_nocache_qps: cold.search_qps,
      });
      say(
        `search, request cache off: p50 ${cold.search_p50_ms} ms, p95 ${cold.search_p95_ms} ms, ` +
          `p99 ${cold.search_p99_ms} ms, ${cold.search_qps} queries/s (load ${load()})`,
      );
    }

    // 5. Relevance: the judged set of measure:relevance, on its real offers, in this run.
    const relevance = await measureRelevance(infra.VIGIE_TEST_SEARCH_URL!, `${id}-relevance`);
    Object.assign(results, { ndcg_at_10: relevance.ndcgAt10 });
    say(
      `relevance: nDCG@10 ${relevance.ndcgAt10} over ${relevance.queries} judged queries on ${relevance.offers} real offers ` +
        `(recall@100 ${relevance.recallAt100})`,
    );

    say(
      `\n${Object.entries(results)
        .map(([k, v]) => `  ${k.padEnd(28)} ${v}`)
        .join('\n')}`,
    );
    const dir = join(repoRoot(), 'bench-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'search.json'), `${JSON.stringify(results, null, 2)}\n`);
    say('written to bench-results/search.json');
  } finally {
    await indexer?.stop();
    if (!KEEP) await cleanUp(client, kafka, id, infra.VIGIE_TEST_DATABASE_URL);
    await client.close();
    await infraModule.releaseInfrastructure(state);
  }
}

async function createOfferIndex(client: Client, index: string): Promise<void> {
  await client.indices.create({
    index,
    body: { settings: OFFER_INDEX_SETTINGS(0), mappings: OFFER_INDEX_MAPPINGS },
  });
}

/** The baseline: offers from..to as `_bulk` requests of `batch` operations, one at a time; offers/s. */
async function bulkLoad(
  client: Client,
  index: string,
  offers: GeneratedOffers,
  from: number,
  to: number,
  batch: number,
): Promise<number> {
  const indexedAt = new Date().toISOString();
  const started = Date.now();
  for (let start = from; start < to; start += batch) {
    let body = '';
    for (let i = start; i < Math.min(to, start + batch); i++)
      body += offerBulkLines(index, upsertOf(offers.offer(i), indexedAt));
    const response = await client.bulk({ body: body as never });
    const result = response.body as {
      errors: boolean;
      items: Array<Record<string, { status: number; error?: unknown }>>;
    };
    if (result.errors) {
      const failed = result.items.map((item) => Object.values(item)[0]!).find((r) => r.status >= 300);
      throw new Error(`baseline bulk refused an offer: ${JSON.stringify(failed)}`);
    }
  }
  return (to - from) / ((Date.now() - started) / 1000);
}

function upsertOf(o: IndexedOffer, indexedAt: string) {
  return {
    kind: 'upsert' as const,
    offerId: o.offerId,
    version: o.version,
    document: { ...o.offer, offerId: o.offerId, recruiterId: o.recruiterId, version: o.version, indexedAt },
  };
}

/** The backlog the indexer starts on: one offers.offer.changed.v2 event per offer, as ingestion publishes them. */
async function produceOfferEvents(kafka: Kafka, topicPrefix: string, offers: GeneratedOffers): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic: `${topicPrefix}${TOPICS.offerChanged}`, numPartitions: PARTITIONS, replicationFactor: 1 },
    ],
  });
  await admin.disconnect();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const started = Date.now();
  const changedAt = new Date().toISOString();
  for (let start = 0; start < INDEX_OFFERS; start += PRODUCE_BATCH) {
    const messages = [];
    for (let i = start; i < Math.min(INDEX_OFFERS, start + PRODUCE_BATCH); i++) {
      const o = offers.offer(i);
      const event = buildEvent(
        offerChangedV2,
        {
          offerId: o.offerId,
          recruiterId: o.recruiterId,
          externalRef: `BENCH-SEARCH-${i}`,
          version: o.version,
          status: 'active',
          changedAt,
          offer: o.offer,
        },
        { producer: 'vigie/bench-search', correlationId: `bench-search-${i}` },
      );
      messages.push({ key: event.key, value: event.value, headers: event.headers });
    }
    await producer.send({ topic: `${topicPrefix}${TOPICS.offerChanged}`, messages, acks: -1 });
  }
  await producer.disconnect();
  say(
    `produced ${INDEX_OFFERS.toLocaleString('en')} offer events in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

function indexerProcess(
  id: string,
  topicPrefix: string,
  infra: Record<string, string>,
  port: number,
): ServiceProcess {
  return new ServiceProcess(
    'offer-indexer',
    {
      LOG_LEVEL: 'warn',
      HTTP_PORT: String(port),
      DATABASE_URL: infra.VIGIE_TEST_DATABASE_URL!,
      DATABASE_SCHEMA: sqlIdentifier(`${id}_indexer`),
      KAFKA_BROKERS: infra.VIGIE_TEST_KAFKA_BROKERS!,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_TOPIC_PARTITIONS: String(PARTITIONS),
      SEARCH_URL: infra.VIGIE_TEST_SEARCH_URL!,
      SEARCH_INDEX_PREFIX: `${id}-`,
      // The indexer's bulk settings given to the bench (SEARCH_BULK_MAX_DOCS=2000 …), to compare them.
      ...Object.fromEntries(
        Object.entries(process.env).filter(
          (e): e is [string, string] => e[0].startsWith('SEARCH_BULK_') && e[1] !== undefined,
        ),
      ),
      // e.g. `--import <repo>/bench/support/cpu-profile.preload.mjs`: the indexer's own CPU
      // profile, written to CPU_PROFILE_DIR.
      ...(process.env.BENCH_INDEXER_NODE_OPTIONS
        ? {
            NODE_OPTIONS: process.env.BENCH_INDEXER_NODE_OPTIONS,
            CPU_PROFILE_DIR: process.env.CPU_PROFILE_DIR ?? process.cwd(),
          }
        : {}),
    },
    id,
  );
}

/** Polls the end offsets of the indexed topic (reading 200,000 events here would compete for the CPU). */
async function waitForIndexedEvents(
  kafka: Kafka,
  topic: string,
  expected: number,
  deadline: number,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let lastReport = Date.now();
    for (;;) {
      const published = await admin
        .fetchTopicOffsets(topic)
        .then((ps) => ps.reduce((sum, p) => sum + Number(p.high), 0))
        .catch(() => 0);
      if (published >= expected) return;
      if (Date.now() > deadline) throw new Error(`only ${published} of ${expected} indexed events in time`);
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        say(`  indexed ${published.toLocaleString('en')} (load ${load()})`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await admin.disconnect();
  }
}

async function liveCount(client: Client, index: string): Promise<number> {
  const { body } = await client.count({ index });
  return (body as { count: number }).count;
}

/** CLIENTS loops over the query mix, each from its own place in it, for SEARCH_SECONDS after a warm-up. */
async function searchLoad(client: Client, alias: string, gazetteer: ReturnType<typeof loadGazetteer>) {
  const sut = new SearchOffersUseCase(
    new OpenSearchOfferSearchIndex(client, alias),
    new GazetteerCommuneDirectory(gazetteer),
    new SystemClock(),
    { maxPageSize: 50, maxDepth: 1_000, query: {} },
  );
  for (const params of QUERY_MIX) await sut.execute(params); // warm-up: caches, first-use compilation
  const latencies: number[] = [];
  const started = Date.now();
  const end = started + SEARCH_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let q = c * 7; Date.now() < end; q++) {
        const t = process.hrtime.bigint();
        await sut.execute(QUERY_MIX[q % QUERY_MIX.length]!);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    round(latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!);
  return {
    searches: latencies.length,
    search_p50_ms: pct(50),
    search_p95_ms: pct(95),
    search_p99_ms: pct(99),
    search_qps: round(latencies.length / elapsed),
  };
}

async function cleanUp(
  client: Client,
  kafka: Kafka,
  id: string,
  databaseUrl: string | undefined,
): Promise<void> {
  await client.indices.delete({ index: `${id}-*`, expand_wildcards: 'all' }).catch(() => undefined);
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${id}.`));
  if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
  if (databaseUrl) {
    const { Client: Pg } = await import('pg');
    const db = new Pg({ connectionString: databaseUrl });
    await db.connect();
    await db.query(`DROP SCHEMA IF EXISTS ${sqlIdentifier(`${id}_indexer`)} CASCADE`);
    await db.end();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:search failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
