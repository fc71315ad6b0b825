import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { dirname, join } from 'node:path';
import { buildGazetteerData, gazetteerSources } from './build/build-gazetteer-data';
import { COMMUNES_PACKAGE, findSourcePackage } from './build/source-packages';
import { GAZETTEER_FORMAT, type GazetteerData, isGazetteerData } from './gazetteer-data';

export interface GazetteerCacheOptions {
  /**
   * Folder of the compact data file; `null` builds in memory and writes nothing. Default:
   * `node_modules/.cache/vigie-geo/` beside the installed source packages.
   */
  readonly cacheDir?: string | null;
}

export interface GazetteerDataLoad {
  readonly data: GazetteerData;
  /** `cache` on a warm start, `built` when the packages were read (and the cache written if possible). */
  readonly from: 'cache' | 'built';
  readonly file: string | null;
}

export function defaultCacheDir(): string {
  // …/node_modules/@etalab/decoupage-administratif → …/node_modules/.cache/vigie-geo
  return join(dirname(dirname(findSourcePackage(COMMUNES_PACKAGE).dir)), '.cache', 'vigie-geo');
}

/**
 * The compact gazetteer, from its cache file when one was built from the same package versions and
 * format, otherwise built from the packages (about a second) and cached. The file is written to a
 * temporary name then renamed, so parallel processes (Jest workers, services starting together)
 * never read half a file. A read-only node_modules only costs the build at each start.
 */
export function loadGazetteerData(options: GazetteerCacheOptions = {}): GazetteerDataLoad {
  const sources = gazetteerSources();
  const dir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
  const file =
    dir === null
      ? null
      : join(dir, `${sources.join('+').replace(/[^\w.@+-]+/g, '_')}.v${GAZETTEER_FORMAT}.json`);
  if (file !== null) {
    const cached = readCache(file, sources);
    if (cached) return { data: cached, from: 'cache', file };
  }
  const data = buildGazetteerData();
  const written = file !== null && writeCacheFile(file, data);
  if (written) removeStaleCaches(file);
  return { data, from: 'built', file: written ? file : null };
}

function readCache(file: string, sources: readonly string[]): GazetteerData | null {
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return isGazetteerData(data, sources) ? data : null;
  } catch {
    return null; // absent or unreadable: rebuilt below
  }
}

/** Writes atomically; false (and nothing left behind) when the folder cannot be written. */
export function writeCacheFile(file: string, data: GazetteerData): boolean {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, JSON.stringify(data));
    renameSync(temporary, file);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The folder could not even be made: nothing was written.
    }
    return false;
  }
}

/** Caches of other package versions or formats: the folder is ours, only the current file is kept. */
function removeStaleCaches(file: string): void {
  try {
    for (const name of readdirSync(dirname(file))) {
      if (name !== basename(file) && name.endsWith('.json'))
        rmSync(join(dirname(file), name), { force: true });
    }
  } catch {
    // Another process may be pruning too: a stale file left behind is harmless.
  }
}
