/**
 * npm run bench:e2e — pushes N offers (BENCH_OFFERS, default 10,000) through the ingestion API,
 * each a distinct job (bench/support/distinct-bench-offers.ts: copies of one job would be one
 * duplicate cluster, mailed once per alert) matching exactly one alert, and measures every stage on
 * the real components:
 *   accepted  — offers acknowledged by POST /v1/offers/batch,
 *   indexed   — offers.offer.indexed.v2 events (searchable in OpenSearch),
 *   matched   — alerts.match.created.v2 events,
 *   e-mailed  — an offer counts as e-mailed when the SMTP server receives the first e-mail of its
 *               alert (X-Vigie-Alert-Id) after its match: instant matches are grouped per alert, so
 *               one e-mail carries (or folds behind « voir toutes les offres ») every match waiting.
 * Delivery runs with no grouping window and no daily cap that could hold offers back, so the figure
 * is the pipeline's, not the grouping policy's.
 * A stage's throughput is its item count over the time between its first and last item. Latency is
 * per offer, from the HTTP response that accepted it to the SMTP server receiving its e-mail.
 * Then a second offer-indexer replays the N offer events into a fresh index: `indexed_per_s` is that
 * backlog's rate (the indexer's own), `pipeline_indexed_per_s` the rate while ingestion fed it.
 * Figures are printed and written to bench-results/e2e.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPICS } from '@vigie/contracts';
import { loadGazetteer } from '@vigie/geo';
import {
  createStack,
  freePort,
  repoRoot,
  ServiceProcess,
  SmtpCapture,
  startStack,
  testKafka,
  VigieApi,
} from '@vigie/testing';
import { type BenchOffer, DistinctBenchOffers } from './support/distinct-bench-offers';

const N = Number(process.env.BENCH_OFFERS ?? process.argv[2] ?? 10_000);
const ALERTS = Number(process.env.BENCH_ALERTS ?? 100);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 15 * 60_000);

interface InfraModule {
  resolveInfrastructure(): Promise<{ env: Record<string, string>; state: unknown }>;
  releaseInfrastructure(state: unknown): Promise<void>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function rate(times: number[]): number {
  if (times.length < 2) return NaN;
  const span = (Math.max(...times) - Math.min(...times)) / 1000;
  return span > 0 ? times.length / span : NaN;
}

async function main(): Promise<void> {
  const infraModule = (await import(join(repoRoot(), 'test', 'infra', 'resolve-infra.mjs'))) as InfraModule;
  const { env, state } = await infraModule.resolveInfrastructure();
  Object.assign(process.env, env);

  const smtp = await new SmtpCapture('headers').start();
  const stack = await createStack('bench', smtp.url, {
    LOG_LEVEL: 'warn',
    KAFKA_TOPIC_PARTITIONS: '6',
    OUTBOX_POLL_INTERVAL_MS: '200',
    DELIVERY_GROUP_WINDOW_MS: '0',
    DELIVERY_DAILY_CAP: '100',
  });
  const kafka = testKafka(env.VIGIE_TEST_KAFKA_BROKERS!);
  const watcher = kafka.consumer({ groupId: `${stack.id}-watcher` });
  try {
    process.stdout.write(
      `bench:e2e — ${N} offers, ${ALERTS} alerts, batches of ${BATCH} × ${CONCURRENCY} in flight\n`,
    );
    await startStack(stack);
    const api = new VigieApi({
      ingestion: stack.services['offer-ingestion'].url,
      alerts: stack.services['alert-matcher'].url,
    });
    const apiKey = (await api.createRecruiter('Bench recruiter')).body.apiKey;
    const alertOf = new Map<string, number>();
    for (let k = 0; k < ALERTS; k++) {
      const res = await api.createAlert(api.candidateToken(`bench-${k}`, `bench-${k}@example.org`), {
        keywords: [`benchkw${k}`],
      });
      if (res.status !== 201) throw new Error(`alert ${k}: ${res.status} ${JSON.stringify(res.body)}`);
      alertOf.set(res.body.id, k);
    }

    const indexedAt = new Map<string, number>();
    const backlogIndexedAt = new Map<string, number>();
    let backlogStarted = false;
    /** Matched offers of each alert not yet covered by an e-mail of that alert. */
    const waitingByAlert = new Map<string, string[]>();
    const matchedAt = new Map<string, number>();
    await watcher.connect();
    await watcher.subscribe({
      topics: [`${stack.topicPrefix}${TOPICS.offerIndexed}`, `${stack.topicPrefix}${TOPICS.matchCreatedV2}`],
      fromBeginning: true,
    });
    await watcher.run({
      eachMessage: async ({ topic, message }) => {
        const now = Date.now();
        const value = JSON.parse(message.value!.toString()) as { offerId: string; alertId?: string };
        const target = topic.endsWith(TOPICS.offerIndexed)
          ? backlogStarted
            ? backlogIndexedAt
            : indexedAt
          : matchedAt;
        if (!target.has(value.offerId)) target.set(value.offerId, now);
        if (value.alertId) {
          const waiting = waitingByAlert.get(value.alertId) ?? [];
          waiting.push(value.offerId);
          waitingByAlert.set(value.alertId, waiting);
        }
      },
    });

    const acceptedAt = new Map<string, number>();
    const emailedAt = new Map<string, number>();
    smtp.onMessage((m) => {
      const alertId = m.header('X-Vigie-Alert-Id');
      if (!alertId || !alertOf.has(alertId)) return;
      for (const offerId of waitingByAlert.get(alertId) ?? [])
        if (!emailedAt.has(offerId)) emailedAt.set(offerId, m.receivedAt);
      waitingByAlert.set(alertId, []);
    });

    const generator = new DistinctBenchOffers(loadGazetteer(), N);
    const started = Date.now();
    let next = 0;
    const post = async () => {
      while (next < N) {
        const from = next;
        next = Math.min(N, next + BATCH);
        const offers: BenchOffer[] = [];
        for (let i = from; i < next; i++) offers.push(generator.offer(i, `benchkw${i % ALERTS}`));
        const res = await api.publishOffers(apiKey, offers);
        if (res.status !== 200)
          throw new Error(`batch at ${from}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
        const now = Date.now();
        for (const a of res.body.accepted) acceptedAt.set(a.offerId, now);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, post));
    const acceptedDone = Date.now();
    process.stdout.write(
      `accepted ${acceptedAt.size} offers in ${((acceptedDone - started) / 1000).toFixed(1)} s; waiting for e-mails…\n`,
    );

    const deadline = Date.now() + TIMEOUT_MS;
    let lastReport = 0;
    while (emailedAt.size < N && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        process.stdout.write(
          `  indexed ${indexedAt.size}, matched ${matchedAt.size}, e-mailed ${emailedAt.size}\n`,
        );
      }
    }

    // The pipeline's indexing rate is bounded by what ingestion accepts; the indexer's own rate is
    // measured on a backlog: a second indexer (own group, index and schema) replays every offer event.
    const backlogIndexer = new ServiceProcess(
      'offer-indexer',
      {
        ...stack.envOf('offer-indexer'),
        HTTP_PORT: String(await freePort()),
        KAFKA_GROUP_ID: 'offer-indexer-backlog',
        SEARCH_INDEX_PREFIX: `${stack.id}-backlog-`,
        DATABASE_SCHEMA: `${stack.envOf('offer-indexer').DATABASE_SCHEMA}_backlog`,
      },
      `${stack.id}-backlog`,
    );
    process.stdout.write(`replaying the ${N} offer events into a fresh index (indexer backlog)…\n`);
    backlogStarted = true;
    const backlogStart = Date.now();
    backlogIndexer.start();
    const backlogDeadline = Date.now() + TIMEOUT_MS;
    while (backlogIndexedAt.size < acceptedAt.size && Date.now() < backlogDeadline)
      await new Promise((r) => setTimeout(r, 100));
    const backlogDone = Date.now();
    await backlogIndexer.stop();
    await deleteIndices(env.VIGIE_TEST_SEARCH_URL!, `${stack.id}-*`);

    const latencies = [...emailedAt].map(([id, t]) => t - (acceptedAt.get(id) ?? t)).sort((a, b) => a - b);
    const results = {
      offers: N,
      accepted_per_s: round(N / ((acceptedDone - started) / 1000)),
      pipeline_indexed_per_s: round(rate([...indexedAt.values()])),
      indexed_per_s: round(rate([...backlogIndexedAt.values()])),
      backlog_drain_s: round((backlogDone - backlogStart) / 1000),
      matched_per_s: round(rate([...matchedAt.values()])),
      emailed_per_s: round(rate([...emailedAt.values()])),
      latency_p50_ms: percentile(latencies, 50),
      latency_p95_ms: percentile(latencies, 95),
      latency_p99_ms: percentile(latencies, 99),
      emails_received: smtp.messages.length,
    };
    process.stdout.write(
      `\n${Object.entries(results)
        .map(([k, v]) => `  ${k.padEnd(24)} ${v}`)
        .join('\n')}\n`,
    );
    const dir = join(repoRoot(), 'bench-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'e2e.json'), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`written to bench-results/e2e.json\n`);
    if (backlogIndexedAt.size < acceptedAt.size) {
      process.stdout.write(
        `WARNING: the backlog indexer indexed only ${backlogIndexedAt.size} of ${acceptedAt.size} offers\n`,
      );
      process.exitCode = 1;
    }
    if (emailedAt.size < N) {
      process.stdout.write(
        `WARNING: only ${emailedAt.size} of ${N} offers were e-mailed within ${TIMEOUT_MS / 1000} s\n`,
      );
      process.exitCode = 1;
    }
  } finally {
    await watcher.disconnect().catch(() => undefined);
    await stack.stop();
    await smtp.stop();
    await infraModule.releaseInfrastructure(state);
  }
}

/** The bench's indices (stack and backlog) go, so runs do not fill the shared engine. */
async function deleteIndices(searchUrl: string, pattern: string): Promise<void> {
  const res = await fetch(`${searchUrl}/${pattern}?expand_wildcards=all`, { method: 'DELETE' });
  if (!res.ok) process.stdout.write(`could not delete indices ${pattern}: ${res.status}\n`);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:e2e failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
