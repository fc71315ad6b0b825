/**
 * npm run bench:ingest — import jobs at board scale. For each of the five feed formats it generates
 * a BENCH_OFFERS-offer feed (default 741,102; `npm run bench:ingest -- 20000` for a short run)
 * streamed to disk (bench/ingest-feeds.ts), from the real France Travail offers in ../shared/data
 * as templates (synthetic ones when the folder is absent), each offer varied so that every content
 * hash differs. It uploads the feed through POST /v1/imports as a recruiter would (gzip on the
 * fly) to a built offer-ingestion process, and measures:
 *   - `<format>_offers_per_s`: items from the upload's first byte to the job `completed` (every
 *     offer committed with its outbox event);
 *   - `<format>_rss_peak_mib`: the ingestion process's peak resident memory during that import
 *     (/proc/<pid>/status VmRSS sampled every 200 ms; VmHWM is printed too);
 *   - `outbox_drain_per_s`: the relay's rate on a backlog: once the JSON Lines import is done and
 *     relayed, its events are marked unpublished again and the time the relay takes to publish
 *     them all to Kafka again is measured (during an import the relay only keeps pace with it);
 *   - `copy_offers_per_s`: the same rows (offers + outbox) loaded into the same tables by Postgres
 *     COPY, in the same run, and `ratio_vs_copy` = JSON Lines rate / COPY rate;
 *   - `<format>_cpu_ms_per_offer`: CPU time (user + system) of the ingestion process per offer
 *     during the import (relay included), steadier than rates when the machine is shared.
 *   - `<format>_main_thread_cpu_ms_per_offer`: the part of it on the service's main thread (the
 *     import loop, the commits, the relay), the batch-preparing worker thread's aside;
 *   - `<format>_pg_cpu_ms_per_offer`: the same for the service's Postgres backends (sampled from
 *     /proc every second): the import is bound by the two processes together.
 * Figures are printed and written to bench-results/ingest.json. On a shared machine they are lower
 * bounds. BENCH_FORMATS=jsonl,csv runs some formats only.
 */
import { randomUUID } from 'node:crypto';
import {
  chmodSync,
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Client } from 'pg';
import { outboxChannel } from '@vigie/messaging';
import { createStack, ImportsApi, repoRoot, sharedDataFile, SmtpCapture, VigieApi } from '@vigie/testing';
import { FEED_CONTENT_TYPES } from '../apps/offer-ingestion/src/imports/formats';
import type { FeedFormat } from '../apps/offer-ingestion/src/imports/formats';
import { feedText, type Template } from './ingest-feeds';

const TOTAL = Number(process.env.BENCH_OFFERS ?? process.argv[2] ?? 741_102);
const ALL_FORMATS: FeedFormat[] = ['jsonl', 'xml', 'csv', 'jsonld', 'francetravail'];
const FORMATS = process.env.BENCH_FORMATS
  ? ALL_FORMATS.filter((f) => process.env.BENCH_FORMATS!.split(',').includes(f))
  : ALL_FORMATS;
const MIB = 1024 * 1024;

interface InfraModule {
  resolveInfrastructure(): Promise<{ env: Record<string, string>; state: unknown }>;
  releaseInfrastructure(state: unknown): Promise<void>;
}

/** The fields of a France Travail offer this bench reads. */
interface FranceTravailOffer {
  intitule?: string;
  description?: string;
  entreprise?: { nom?: string };
  typeContrat?: string;
  romeCode?: string;
  lieuTravail?: {
    libelle?: string;
    codePostal?: string;
    commune?: string;
    latitude?: number;
    longitude?: number;
  };
}

const CONTRACT: Record<string, string> = {
  CDI: 'cdi',
  CDD: 'cdd',
  MIS: 'interim',
  SAI: 'seasonal',
  LIB: 'freelance',
};

function templates(): Template[] {
  const file = sharedDataFile('offers_france_travail.jsonl');
  if (!file) {
    process.stdout.write('  ../shared/data absent: synthetic templates\n');
    return [
      {
        title: 'Magasinier cariste (H/F)',
        description: 'Réception, stockage et préparation des commandes en entrepôt. CACES 1 et 3.',
        companyName: 'Logistique Ouest',
        contractType: 'cdi',
        romeCode: 'N1103',
        city: 'Nantes',
        postalCode: '44000',
        communeCode: '44109',
        latitude: 47.2184,
        longitude: -1.5536,
      },
    ];
  }
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as FranceTravailOffer)
    .filter((o) => typeof o.intitule === 'string' && typeof o.description === 'string')
    .map((o) => ({
      title: String(o.intitule).slice(0, 190),
      description: String(o.description).slice(0, 9_000),
      companyName: o.entreprise?.nom,
      contractType: CONTRACT[o.typeContrat ?? ''] ?? 'cdi',
      romeCode: o.romeCode,
      city: o.lieuTravail?.libelle?.replace(/^\d+ - /, ''),
      postalCode: o.lieuTravail?.codePostal,
      communeCode: o.lieuTravail?.commune,
      latitude: o.lieuTravail?.latitude,
      longitude: o.lieuTravail?.longitude,
    }));
}

async function writeFeed(file: string, format: FeedFormat, ts: Template[]): Promise<void> {
  // Each format's feed holds other offers than the others' (they would be cross-recruiter copies).
  const seed = ALL_FORMATS.indexOf(format) * TOTAL;
  await pipeline(Readable.from(feedText(format, ts, TOTAL, seed)), createWriteStream(file));
}

function rssMib(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(
    /^(\w+):\s+(\d+) kB$/m.exec(status.split('\n').find((l) => l.startsWith(field)) ?? '')?.[2],
  );
  return kib / 1024;
}

/**
 * CPU seconds (user + system) the process has used: on a shared machine, a steadier figure than rates.
 * With `mainThread`, only its main thread's (the import loop's; a worker thread preparing batches aside).
 */
function cpuSeconds(pid: number, mainThread = false): number {
  const stat = mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`;
  const fields = readFileSync(stat, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of a process, or null once it has exited. */
function cpuSecondsIfAlive(pid: number): number | null {
  try {
    return cpuSeconds(pid);
  } catch {
    return null;
  }
}

/**
 * The CPU the service's Postgres backends spend during an import (the import is bound by both
 * processes together): each backend of the bench database, the bench's own connection aside, is
 * sampled from /proc; a backend that exits between two samples loses its last share (a lower bound).
 */
class BackendCpu {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();

  constructor(private readonly db: Client) {}

  /** The backends there before the import: only their CPU from now on counts. */
  async start(): Promise<void> {
    for (const [pid, cpu] of await this.backends()) this.first.set(pid, cpu);
    this.last.clear();
  }

  async sample(): Promise<void> {
    for (const [pid, cpu] of await this.backends()) {
      // A backend first seen mid-import started during it: all its CPU counts.
      if (!this.first.has(pid)) this.first.set(pid, 0);
      this.last.set(pid, cpu);
    }
  }

  private async backends(): Promise<Array<[number, number]>> {
    const { rows } = await this.db.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rows.flatMap(({ pid }) => {
      const cpu = cpuSecondsIfAlive(pid);
      return cpu === null ? [] : [[pid, cpu] as [number, number]];
    });
  }

  seconds(): number {
    let total = 0;
    for (const [pid, cpu] of this.last) total += cpu - this.first.get(pid)!;
    return total;
  }
}

const round = (v: number) => Math.round(v * 10) / 10;

async function main(): Promise<void> {
  const infraModule = (await import(join(repoRoot(), 'test', 'infra', 'resolve-infra.mjs'))) as InfraModule;
  const { env, state } = await infraModule.resolveInfrastructure();
  Object.assign(process.env, env);
  const work = mkdtempSync(join(tmpdir(), 'vigie-bench-ingest-'));
  const smtp = await new SmtpCapture('headers').start();
  const stack = await createStack('bench-ingest', smtp.url, {
    LOG_LEVEL: 'warn',
    IMPORT_SPOOL_DIR: join(work, 'spool'),
    IMPORT_MAX_BYTES: String(64 * 1024 * 1024 * 1024),
    IMPORT_WORKER_INTERVAL_MS: '200',
    OUTBOX_POLL_INTERVAL_MS: '200',
    API_KEY_RATE_LIMIT_PER_MINUTE: '100000',
    API_KEY_RATE_LIMIT_BURST: '10000',
    // A/B of the prepare worker: `BENCH_PREPARE_WORKER_HEAP_MB=0` prepares on the main thread.
    ...(process.env.BENCH_PREPARE_WORKER_HEAP_MB && {
      IMPORT_PREPARE_WORKER_HEAP_MB: process.env.BENCH_PREPARE_WORKER_HEAP_MB,
    }),
    // For profiling the import path: e.g. `--prof --logfile=/tmp/ingest.v8.log --no-logfile-per-isolate`.
    ...(process.env.BENCH_INGESTION_NODE_OPTIONS && {
      NODE_OPTIONS: process.env.BENCH_INGESTION_NODE_OPTIONS,
    }),
  });
  const results: Record<string, number> = { offers_total: TOTAL };
  const db = new Client({ connectionString: env.VIGIE_TEST_DATABASE_URL });
  try {
    process.stdout.write(`bench:ingest — ${TOTAL} offers per format\n`);
    const ingestion = stack.services['offer-ingestion'];
    ingestion.start();
    await ingestion.ready();
    await db.connect();
    await db.query(`SET search_path = "${stack.envOf('offer-ingestion').DATABASE_SCHEMA}"`);
    const api = new VigieApi({ ingestion: ingestion.url, alerts: 'http://127.0.0.1:9' });
    const imports = new ImportsApi(ingestion.url);
    const ts = templates();

    /** Uploads one feed as a recruiter would and records its figures under `label`. */
    const measureImport = async (label: string, file: string, apiKey: string, type: string) => {
      const bytes = statSync(file).size;
      let peak = rssMib(ingestion.pid!, 'VmRSS');
      let sampling = true;
      const backendCpu = new BackendCpu(db);
      await backendCpu.start();
      const sampler = (async () => {
        for (let tick = 0; sampling; tick++) {
          peak = Math.max(peak, rssMib(ingestion.pid!, 'VmRSS'));
          if (tick % 5 === 0) await backendCpu.sample();
          await new Promise((r) => setTimeout(r, 200));
        }
        await backendCpu.sample();
      })();
      const cpuBefore = cpuSeconds(ingestion.pid!);
      const mainCpuBefore = cpuSeconds(ingestion.pid!, true);
      const started = Date.now();
      const res = await fetch(`${ingestion.url}/v1/imports?mode=delta`, {
        method: 'POST',
        headers: { 'x-api-key': apiKey, 'content-type': type, 'content-encoding': 'gzip' },
        body: Readable.toWeb(createReadStream(file).pipe(createGzip())) as ReadableStream,
        duplex: 'half',
      });
      const { id } = (await res.json()) as { id: string };
      if (res.status !== 202) throw new Error(`${label} upload: ${res.status}`);
      let job;
      for (;;) {
        job = (await imports.get(apiKey, id)).body;
        if (job.status === 'completed' || job.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const seconds = (Date.now() - started) / 1000;
      sampling = false;
      await sampler;
      if (job.status !== 'completed') throw new Error(`${label} import failed: ${JSON.stringify(job.error)}`);
      const unpublished = Number(
        (await db.query(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`)).rows[0].n,
      );
      results[`${label}_offers_per_s`] = round(job.progress.itemsRead / seconds);
      results[`${label}_rss_peak_mib`] = round(peak);
      const cpuPerOffer = ((cpuSeconds(ingestion.pid!) - cpuBefore) * 1000) / job.progress.itemsRead;
      results[`${label}_cpu_ms_per_offer`] = Math.round(cpuPerOffer * 100) / 100;
      const mainCpuPerOffer =
        ((cpuSeconds(ingestion.pid!, true) - mainCpuBefore) * 1000) / job.progress.itemsRead;
      results[`${label}_main_thread_cpu_ms_per_offer`] = Math.round(mainCpuPerOffer * 100) / 100;
      const pgCpuPerOffer = (backendCpu.seconds() * 1000) / job.progress.itemsRead;
      results[`${label}_pg_cpu_ms_per_offer`] = Math.round(pgCpuPerOffer * 100) / 100;
      process.stdout.write(
        `  ${label}: ${job.progress.itemsRead} items (${round(bytes / MIB)} MiB) in ${round(seconds)} s — ` +
          `added ${job.counts.added}, unchanged ${job.counts.unchanged}, rejected ${job.counts.rejected}; RSS peak ${round(peak)} MiB ` +
          `(VmHWM ${round(rssMib(ingestion.pid!, 'VmHWM'))} MiB); ${cpuPerOffer.toFixed(2)} ms of CPU ` +
          `per offer (main thread ${mainCpuPerOffer.toFixed(2)} ms, Postgres backends ${pgCpuPerOffer.toFixed(2)} ms); ${unpublished} events still to relay\n`,
      );
      return job;
    };

    for (const format of FORMATS) {
      const file = join(work, `feed.${format}`);
      await writeFeed(file, format, ts);
      const apiKey = (await api.createRecruiter(`Bench ${format}`)).body.apiKey;
      const type = Object.entries(FEED_CONTENT_TYPES).find(([, f]) => f === format)![0];

      const job = await measureImport(format, file, apiKey, type);

      if (format === 'jsonl') {
        // During the import the relay only keeps pace with it: its own rate is measured on a backlog,
        // the same events marked unpublished again once they are all relayed.
        const unpublishedNow = async () =>
          Number((await db.query(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`)).rows[0].n);
        while ((await unpublishedNow()) > 0) await new Promise((r) => setTimeout(r, 200));
        const backlog = (await db.query(`UPDATE outbox SET published_at = NULL`)).rowCount ?? 0;
        await db.query(`SELECT pg_notify($1, '')`, [
          outboxChannel(stack.envOf('offer-ingestion').DATABASE_SCHEMA!),
        ]);
        const drainStart = Date.now();
        while ((await unpublishedNow()) > 0) await new Promise((r) => setTimeout(r, 100));
        const drainSeconds = (Date.now() - drainStart) / 1000;
        results.outbox_drain_per_s = round(backlog / Math.max(drainSeconds, 0.001));
        process.stdout.write(
          `  outbox: a backlog of ${backlog} events relayed to Kafka in ${round(drainSeconds)} s\n`,
        );
        // COPY of the same rows into the same tables, for the ratio.
        const copyRecruiter = (await api.createRecruiter('Bench COPY')).body.id;
        const sample = (await db.query(`SELECT content, content_hash, screening FROM offers LIMIT 1`))
          .rows[0];
        const copySeconds = await copyRows(db, work, copyRecruiter, sample, job.progress.itemsRead);
        results.copy_offers_per_s = round(job.progress.itemsRead / copySeconds);
        results.ratio_vs_copy =
          Math.round(((results.jsonl_offers_per_s ?? 0) / results.copy_offers_per_s) * 1000) / 1000;
        process.stdout.write(
          `  COPY: the same ${job.progress.itemsRead} offers + outbox rows in ${round(copySeconds)} s\n`,
        );
        // The same feed again, as a daily snapshot resent unchanged: every item is `unchanged`.
        await measureImport('jsonl_reimport', file, apiKey, type);
      }
      rmSync(file, { force: true });
    }

    process.stdout.write(
      `\n${Object.entries(results)
        .map(([k, v]) => `  ${k.padEnd(24)} ${v}`)
        .join('\n')}\n`,
    );
    const check = (name: string, ok: boolean) => process.stdout.write(`  ${ok ? 'PASS' : 'FAIL'} ${name}\n`);
    if (results.jsonl_offers_per_s !== undefined)
      check('jsonl ≥ 5,000 offers/s', results.jsonl_offers_per_s >= 5_000);
    if (results.ratio_vs_copy !== undefined) check('≥ 0.3 × COPY', results.ratio_vs_copy >= 0.3);
    for (const f of FORMATS) {
      const rss = results[`${f}_rss_peak_mib`];
      if (rss !== undefined) check(`${f} RSS ≤ 512 MiB`, rss <= 512);
    }
    if (results.outbox_drain_per_s !== undefined)
      check('outbox drain ≥ 5,000 events/s', results.outbox_drain_per_s >= 5_000);
    const dir = join(repoRoot(), 'bench-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'ingest.json'), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write('written to bench-results/ingest.json\n');
  } finally {
    await db.end().catch(() => undefined);
    await stack.stop();
    await smtp.stop();
    rmSync(work, { recursive: true, force: true });
    await infraModule.releaseInfrastructure(state);
  }
}

/**
 * The same number of offers and outbox rows loaded by COPY (server-side files, written first and not
 * timed) into the same tables, content taken from a stored offer; rolled back so nothing is relayed.
 * Returns the seconds the two COPY statements took.
 */
async function copyRows(
  db: Client,
  dir: string,
  recruiterId: string,
  sample: { content: unknown; content_hash: string; screening: unknown },
  n: number,
): Promise<number> {
  const tsv = (v: string) => v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
  const content = tsv(JSON.stringify(sample.content));
  const screening = tsv(JSON.stringify(sample.screening ?? []));
  const now = new Date().toISOString();
  const offersFile = join(dir, 'copy-offers.tsv');
  const outboxFile = join(dir, 'copy-outbox.tsv');
  async function* offerLines() {
    for (let i = 0; i < n; i++)
      yield `${recruiterId}\tCOPY-${i}\t1\tactive\t${content}\t${sample.content_hash}-${i}\t${now}\t${screening}\n`;
  }
  async function* outboxLines() {
    for (let i = 0; i < n; i++)
      yield `${randomUUID()}\tbench.copy\tCOPY-${i}\t${content}\t{"ce_type":"copy"}\n`;
  }
  await pipeline(Readable.from(offerLines()), createWriteStream(offersFile));
  await pipeline(Readable.from(outboxLines()), createWriteStream(outboxFile));
  chmodSync(dir, 0o755);
  await db.query('BEGIN');
  const started = Date.now();
  await db.query(
    `COPY offers (recruiter_id, external_ref, version, status, content, content_hash, published_at, screening) FROM '${offersFile}'`,
  );
  await db.query(`COPY outbox (event_id, topic, message_key, value, headers) FROM '${outboxFile}'`);
  const seconds = (Date.now() - started) / 1000;
  await db.query('ROLLBACK');
  rmSync(offersFile);
  rmSync(outboxFile);
  return seconds;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
