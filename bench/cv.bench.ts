/**
 * npm run bench:cv — two measures of cv-intake on the real components:
 *
 * Views: recruiters open CVs through GET /v1/cv-search/:cvId (cv-intake as a process, its API key
 * issued by offer-ingestion) for BENCH_CV_SECONDS (default 60) with BENCH_CV_CONCURRENCY requests in
 * flight (default 64); each view goes to Kafka (cvs.cv.viewed.v1) before the answer and cv-intake's
 * consumer counts it into cv_view_counters. The run then waits for the counters to hold exactly one
 * count per distinct view id answered, and reports the p99 API latency and the p99 lag from the view
 * (its `viewedAt`) to its counting (`cv_views.counted_at`), and the CPU time the cv-intake processes
 * spent per view (answering, publishing, counting; the machine's load moves it less than the rate,
 * though fixed per-second costs weigh more at low rates).
 * BENCH_CV_REPLICAS (default 2: one Node process is one event loop, so a 2-core machine runs two, as
 * deployed) cv-intake replicas share the consumer group and the requests (1 gives one process's figure);
 * BENCH_CV_RATE paces the requests at that many per second (default: as fast as they come back).
 *
 * Parsing: PDF and DOCX files generated from the real CVs of ../shared/data
 * (resumes_updatedresumedataset.jsonl; generated text when the folder is absent) are extracted one
 * after the other by cv-intake's extractor in a child process, whose peak RSS is reported:
 * BENCH_CV_PARSE_IN=worker (default, the service's path: one extraction worker thread with
 * CV_PARSE_WORKER_HEAP_MB, default 256) or `thread` (in the process's own thread, as before the
 * workers). BENCH_CV_PARSE_ONLY=1 skips the views and writes bench-results/cv-parse.json.
 *
 * Writes bench-results/cv.json: views, views_per_s, view_api_p99_ms, view_count_lag_p99_ms,
 * views_counted, view_cpu_ms_per_view, views_per_count_batch (views over the consumer's counting
 * statements), pdf_per_s, docx_per_s, parse_rss_peak_mib.
 */
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { signCandidateToken } from '@vigie/platform';
import {
  createStack,
  docxFile,
  freePort,
  pdfFile,
  readJsonLines,
  repoRoot,
  ServiceProcess,
  sharedDataFile,
  sqlIdentifier,
  TEST_SECRETS,
  VigieApi,
} from '@vigie/testing';
import type { CvRecord } from '../apps/cv-intake/src/cvs/cv';
import { LibraryCvTextExtractor } from '../apps/cv-intake/src/processing/cv-text-extractor';
import type { CvTextExtractor } from '../apps/cv-intake/src/processing/process-cvs.usecase';
import { WorkerCvTextExtractor } from '../apps/cv-intake/src/processing/worker-cv-text-extractor';
import pino from 'pino';
import { DEFAULT_ZIP_LIMITS } from '../apps/cv-intake/src/upload/zip-inspection';

const SECONDS = Number(process.env.BENCH_CV_SECONDS ?? 60);
const CONCURRENCY = Number(process.env.BENCH_CV_CONCURRENCY ?? 64);
const CVS = Number(process.env.BENCH_CV_CVS ?? 200);
const PARSE_DOCS = Number(process.env.BENCH_CV_PARSE_DOCS ?? 166);
// cv-intake replicas (one consumer group, as deployed: one per core, since one process saturates
// its event loop's core near 1,800 views/s here); the recruiters' requests go round-robin, as
// behind a load balancer.
const REPLICAS = Number(process.env.BENCH_CV_REPLICAS ?? 2);
// Views per second asked for (0: as fast as the requests in flight allow). A fixed rate makes CPU
// per view comparable between two builds on a loaded machine, where the free-running rate is the load's.
const RATE = Number(process.env.BENCH_CV_RATE ?? 0);
// Extra Node options for the cv-intake processes (e.g. `--require <profiler preload>`), for profiling.
const SERVICE_NODE_OPTIONS = process.env.BENCH_CV_NODE_OPTIONS;
const PARSE_IN = process.env.BENCH_CV_PARSE_IN === 'thread' ? 'thread' : 'worker';
const PARSE_ONLY = process.env.BENCH_CV_PARSE_ONLY === '1';
const PARSE_HEAP_MB = Number(process.env.CV_PARSE_WORKER_HEAP_MB ?? 256);
const TARGET_VIEWS_PER_S = 2_000;

interface InfraModule {
  resolveInfrastructure(): Promise<{ env: Record<string, string>; state: unknown }>;
  releaseInfrastructure(state: unknown): Promise<void>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The real CV texts (or generated ones when ../shared/data is absent, said on stdout). */
function cvTexts(): string[] {
  const file = sharedDataFile('resumes_updatedresumedataset.jsonl');
  if (file) return readJsonLines<{ resume_text: string }>(file).map((r) => r.resume_text);
  process.stdout.write('../shared/data absent: parsing generated CV texts instead of the real ones\n');
  return Array.from({ length: 166 }, (_, i) =>
    `Développeur ${i}\nCompétences : TypeScript, SQL, Kafka\n`.repeat(1 + (i % 20)),
  );
}

// ---------------------------------------------------------------- parsing (child process)

async function parseWorker(): Promise<void> {
  const texts = cvTexts().slice(0, PARSE_DOCS);
  const lines = (t: string) => t.split(/\r?\n/).filter((l) => l.trim().length > 0);
  const pdfs = await Promise.all(texts.map((t) => pdfFile(lines(t))));
  const docxs = texts.map((t) => docxFile(lines(t)));
  const extractor: CvTextExtractor =
    PARSE_IN === 'worker'
      ? new WorkerCvTextExtractor(
          { workers: 1, heapMb: PARSE_HEAP_MB, timeoutMs: 30_000, zip: DEFAULT_ZIP_LIMITS },
          pino({ level: 'warn' }),
        )
      : new LibraryCvTextExtractor(DEFAULT_ZIP_LIMITS);
  const record = (format: 'pdf' | 'docx', i: number): CvRecord => ({
    id: `bench-${format}-${i}`,
    candidateId: 'bench',
    originalName: `cv.${format}`,
    format,
    mediaType: 'application/octet-stream',
    sizeBytes: 0,
    storageKey: 'bench',
    state: 'received',
    flags: [],
    anonymised: true,
    createdAt: new Date().toISOString(),
    processedAt: null,
  });
  const time = async (files: Buffer[], format: 'pdf' | 'docx') => {
    const started = performance.now();
    let parsed = 0;
    for (const [i, bytes] of files.entries()) {
      const outcome = await extractor.extract(bytes, record(format, i));
      if (outcome.state === 'parsed') parsed += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    return { perSecond: files.length / seconds, parsed, files: files.length };
  };
  const pdf = await time(pdfs, 'pdf');
  const docx = await time(docxs, 'docx');
  // maxRSS: the peak resident set of this process (KiB), worker threads included.
  const peakMib = process.resourceUsage().maxRSS / 1024;
  if (extractor instanceof WorkerCvTextExtractor) await extractor.close();
  process.send!({ pdf, docx, peakMib });
}

function measureParsing(): Promise<{
  pdf: { perSecond: number; parsed: number; files: number };
  docx: { perSecond: number; parsed: number; files: number };
  peakMib: number;
}> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--parse-worker'], { stdio: 'inherit' });
    child.once('message', (m) => resolve(m as never));
    child.once('exit', (code) => code !== 0 && reject(new Error(`parse worker exited with ${code}`)));
  });
}

// ---------------------------------------------------------------- views (cv-intake as a process)

/** CPU time (user + system, ms) a process has used, from /proc (Linux; NaN elsewhere). */
function cpuMsOf(pid: number | undefined): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

function get(
  agent: Agent,
  url: URL,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function measureViews(env: Record<string, string>) {
  const stack = await createStack('bench-cv', 'smtp://127.0.0.1:9', { LOG_LEVEL: 'warn' });
  const storageDir = await mkdtemp(join(tmpdir(), 'vigie-bench-cvs-'));
  const schema = `${sqlIdentifier(stack.id)}_cv`;
  const replicaEnv = async (): Promise<Record<string, string>> => ({
    ...TEST_SECRETS,
    LOG_LEVEL: 'warn',
    DATABASE_URL: env.VIGIE_TEST_DATABASE_URL!,
    DATABASE_SCHEMA: schema,
    KAFKA_BROKERS: env.VIGIE_TEST_KAFKA_BROKERS!,
    KAFKA_TOPIC_PREFIX: stack.topicPrefix,
    KAFKA_TOPIC_PARTITIONS: '6',
    KAFKA_CONSUMER_BATCH_SIZE: '2000',
    SEARCH_URL: env.VIGIE_TEST_SEARCH_URL!,
    SEARCH_INDEX_PREFIX: `${stack.id}-`,
    HTTP_PORT: String(await freePort()),
    CV_STORAGE_DIR: storageDir,
    CV_PROCESSING_INTERVAL_MS: '100',
    CV_VIEWS_PER_MINUTE: String(10_000_000),
    ...(SERVICE_NODE_OPTIONS ? { NODE_OPTIONS: SERVICE_NODE_OPTIONS } : {}),
  });
  const replicas: ServiceProcess[] = [];
  for (let i = 0; i < REPLICAS; i++)
    replicas.push(new ServiceProcess('cv-intake', await replicaEnv(), `${stack.id}-${i}`));
  const cvIntake = replicas[0]!;
  const db = new Client({ connectionString: env.VIGIE_TEST_DATABASE_URL });
  const rowsOf = async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows as T[];
  try {
    const ingestion = stack.services['offer-ingestion'];
    ingestion.start();
    replicas.forEach((r) => r.start());
    await Promise.all([ingestion.ready(), ...replicas.map((r) => r.ready())]);
    await db.connect();
    const api = new VigieApi({ ingestion: ingestion.url, alerts: 'http://127.0.0.1:9' });
    const key = (await api.createRecruiter('Bench recruteur')).body.apiKey;

    // CVs to open: JSON Resumes (the only format parsed into a profile today).
    const token = signCandidateToken(
      { candidateId: 'bench-candidate', email: 'bench@example.org' },
      TEST_SECRETS.CANDIDATE_TOKEN_SECRET,
    );
    const cvIds: string[] = [];
    for (let i = 0; i < CVS; i++) {
      const form = new FormData();
      const resume = {
        basics: { label: `Soudeur ${i}`, location: { city: 'Nantes' } },
        skills: [{ name: 'TIG' }],
      };
      form.append('file', new Blob([JSON.stringify(resume)]), 'cv.json');
      const res = await fetch(`${cvIntake.url}/v1/cvs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      cvIds.push(((await res.json()) as { id: string }).id);
    }
    // Each requester keeps to one replica (its connection), as a load balancer's would: every
    // pooled socket stays busy, none idles past the server's keep-alive timeout.
    const perReplica = Math.ceil(CONCURRENCY / replicas.length);
    const agents = replicas.map(() => new Agent({ keepAlive: true, maxSockets: perReplica }));
    const open = (cvId: string, requester: number) => {
      const replica = requester % replicas.length;
      return get(agents[replica]!, new URL(`${replicas[replica]!.url}/v1/cv-search/${cvId}`), {
        'x-api-key': key,
      });
    };
    let probeViews = 0;
    // Ready: every CV parsed into a profile and the recruiter's key known to cv-intake.
    for (const deadline = Date.now() + 180_000; ; ) {
      const rows = await rowsOf<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".cv_profiles`);
      const probes = await Promise.all(replicas.map((_, replica) => open(cvIds[0]!, replica)));
      probeViews += probes.filter((p) => p.status === 200).length;
      if (Number(rows[0]!.n) >= CVS && probes.every((p) => p.status === 200)) break;
      if (Date.now() > deadline)
        throw new Error('CVs not parsed or the API key not projected within 3 minutes');
      await new Promise((r) => setTimeout(r, 250));
    }
    // The probes' views are counted before the counters are reset, so none can land in the run.
    for (const deadline = Date.now() + 60_000; ; ) {
      const rows = await rowsOf<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".cv_views`);
      if (Number(rows[0]!.n) >= probeViews) break;
      if (Date.now() > deadline)
        throw new Error('the readiness probes’ views were not counted within a minute');
      await new Promise((r) => setTimeout(r, 100));
    }
    await db.query(`TRUNCATE "${schema}".cv_view_counters, "${schema}".cv_views`);
    const runStartedAt = new Date();
    const cpuOfReplicas = () => replicas.reduce((sum, r) => sum + cpuMsOf(r.pid), 0);
    const cpuAtStart = cpuOfReplicas();

    process.stdout.write(
      `views: ${CONCURRENCY} in flight for ${SECONDS} s over ${CVS} CVs, ${replicas.length} cv-intake replica(s)` +
        `${RATE > 0 ? `, paced at ${RATE}/s` : ''}…\n`,
    );
    const latencies: number[] = [];
    const viewIds = new Set<string>();
    let failures = 0;
    const endAt = performance.now() + SECONDS * 1000;
    const started = performance.now();
    let tickets = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        for (let i = worker; performance.now() < endAt; i += CONCURRENCY) {
          if (RATE > 0) {
            const due = started + (tickets++ * 1000) / RATE;
            if (due >= endAt) break;
            if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
          }
          const t0 = performance.now();
          const res = await open(cvIds[i % cvIds.length]!, worker);
          latencies.push(performance.now() - t0);
          if (res.status === 200) viewIds.add((JSON.parse(res.body) as { viewId: string }).viewId);
          else failures += 1;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    agents.forEach((a) => a.destroy());

    // Exact counters: wait until they hold every answered view (and no more).
    const countedSince = async () => {
      const rows = await rowsOf<{ n: string }>(
        `SELECT count(*) AS n FROM "${schema}".cv_views WHERE viewed_at >= $1`,
        [runStartedAt],
      );
      return Number(rows[0]!.n);
    };
    for (
      const deadline = Date.now() + 300_000;
      (await countedSince()) < viewIds.size && Date.now() < deadline;

    ) {
      await new Promise((r) => setTimeout(r, 500));
    }
    const cpuMs = cpuOfReplicas() - cpuAtStart;
    const [totals] = await rowsOf<{ counters: string }>(
      `SELECT coalesce(sum(views), 0) AS counters FROM "${schema}".cv_view_counters`,
    );
    const lagRows = await rowsOf<{ ms: number }>(
      `SELECT extract(epoch FROM counted_at - viewed_at) * 1000 AS ms FROM "${schema}".cv_views WHERE viewed_at >= $1`,
      [runStartedAt],
    );
    const lags = lagRows.map((r) => Number(r.ms)).sort((a, b) => a - b);
    // counted_at is the counting statement's now(): one distinct value per statement that counted.
    const [batches] = await rowsOf<{ n: string }>(
      `SELECT count(DISTINCT counted_at) AS n FROM "${schema}".cv_views WHERE viewed_at >= $1`,
      [runStartedAt],
    );
    latencies.sort((a, b) => a - b);
    return {
      answered: viewIds.size,
      failures,
      elapsed,
      apiP99: percentile(latencies, 99),
      lagP99: percentile(lags, 99),
      counted: await countedSince(),
      counters: Number(totals!.counters),
      cpuMsPerView: cpuMs / viewIds.size,
      countBatches: Number(batches!.n),
    };
  } finally {
    await db.end().catch(() => undefined);
    await Promise.all(replicas.map((r) => r.stop()));
    await stack.stop();
    await rm(storageDir, { recursive: true, force: true });
  }
}

/** BENCH_CV_PARSE_ONLY=1: the parsing figures alone, in bench-results/cv-parse.json. */
async function parseOnly(): Promise<void> {
  const parsing = await measureParsing();
  const results = {
    pdf_per_s: round(parsing.pdf.perSecond),
    docx_per_s: round(parsing.docx.perSecond),
    parse_rss_peak_mib: round(parsing.peakMib),
  };
  process.stdout.write(
    [
      `parsing in            ${PARSE_IN === 'worker' ? `a worker thread (heap ${PARSE_HEAP_MB} MiB)` : 'the process thread'}`,
      `PDF parsed/s          ${results.pdf_per_s} (${parsing.pdf.parsed}/${parsing.pdf.files} with text)`,
      `DOCX parsed/s         ${results.docx_per_s} (${parsing.docx.parsed}/${parsing.docx.files} with text)`,
      `parse peak RSS        ${results.parse_rss_peak_mib} MiB`,
    ].join('\n') + '\n',
  );
  const dir = join(repoRoot(), 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cv-parse.json'), `${JSON.stringify(results, null, 2)}\n`);
}

async function main(): Promise<void> {
  // Parsing alone needs neither Kafka, OpenSearch nor Postgres.
  if (PARSE_ONLY) return parseOnly();
  const infraModule = (await import(join(repoRoot(), 'test', 'infra', 'resolve-infra.mjs'))) as InfraModule;
  const { env, state } = await infraModule.resolveInfrastructure();
  Object.assign(process.env, env);
  try {
    process.stdout.write('bench:cv — figures on a shared machine are pessimistic\n');
    const views = await measureViews(env);
    const parsing = await measureParsing();
    const results = {
      views: views.answered,
      views_per_s: round(views.answered / views.elapsed),
      view_api_p99_ms: round(views.apiP99),
      view_count_lag_p99_ms: round(views.lagP99),
      views_counted: views.counters,
      view_cpu_ms_per_view: round(views.cpuMsPerView, 3),
      views_per_count_batch: round(views.counted / Math.max(1, views.countBatches)),
      pdf_per_s: round(parsing.pdf.perSecond),
      docx_per_s: round(parsing.docx.perSecond),
      parse_rss_peak_mib: round(parsing.peakMib),
    };
    const exact = views.counters === views.answered && views.counted === views.answered;
    process.stdout.write(
      [
        `views answered        ${results.views} in ${round(views.elapsed)} s (${views.failures} failed requests)`,
        `views/s               ${results.views_per_s}  (target ${TARGET_VIEWS_PER_S}: ${round(results.views_per_s / TARGET_VIEWS_PER_S, 2)}×)`,
        `API p99               ${results.view_api_p99_ms} ms`,
        `view → counted p99    ${results.view_count_lag_p99_ms} ms`,
        `cv-intake CPU/view    ${results.view_cpu_ms_per_view} ms (answering, publishing and counting)`,
        `views per count batch ${results.views_per_count_batch} (views over the counting statements)`,
        `views counted         ${results.views_counted} (${exact ? 'exact' : `NOT exact: ${views.counted} view rows for ${views.answered} answered`})`,
        `PDF parsed/s          ${results.pdf_per_s} (${parsing.pdf.parsed}/${parsing.pdf.files} with text)`,
        `DOCX parsed/s         ${results.docx_per_s} (${parsing.docx.parsed}/${parsing.docx.files} with text)`,
        `parse worker peak RSS ${results.parse_rss_peak_mib} MiB`,
      ].join('\n') + '\n',
    );
    const dir = join(repoRoot(), 'bench-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cv.json'), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write('written to bench-results/cv.json\n');
    if (!exact) process.exitCode = 1;
  } finally {
    await infraModule.releaseInfrastructure(state);
  }
}

if (process.argv.includes('--parse-worker')) {
  parseWorker().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
} else {
  main().catch((e: unknown) => {
    process.stderr.write(`bench:cv failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
}
