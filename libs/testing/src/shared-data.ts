import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './repo-root';

/**
 * The real third-party data beside the checkout (`../shared/data`, or VIGIE_SHARED_DATA; worktrees
 * under /work/wt fall back to /work/shared/data). Tests and benchmarks only: `undefined` when the
 * folder is absent, and the caller says so and falls back to generated data.
 */
export function sharedDataDir(): string | undefined {
  const candidates = [
    process.env.VIGIE_SHARED_DATA,
    resolve(repoRoot(), '../shared/data'),
    '/work/shared/data',
  ].filter((c): c is string => typeof c === 'string' && c.length > 0);
  return candidates.find((dir) => existsSync(dir));
}

/** The path of one shared data file, or `undefined` when it is not there. */
export function sharedDataFile(name: string): string | undefined {
  const dir = sharedDataDir();
  const file = dir === undefined ? undefined : join(dir, name);
  return file !== undefined && existsSync(file) ? file : undefined;
}

/** Every record of a JSON-lines file (the shared files are a few MiB: read at once). */
export function readJsonLines<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as T);
}
