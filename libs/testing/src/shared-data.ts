import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './repo-root';

/**
 * The folder of real third-party data that tests and benchmarks may read (never the product):
 * $VIGIE_SHARED_DATA when set, else `../shared/data` beside the checkout (CI, the main checkout),
 * else /work/shared/data (a helper's worktree). Null when it does not exist: callers then fall back
 * to data of their own (set VIGIE_SHARED_DATA=/nowhere to try that path).
 */
export function sharedDataDir(): string | null {
  const explicit = process.env.VIGIE_SHARED_DATA;
  const candidates = explicit
    ? [explicit]
    : [resolve(repoRoot(), '..', 'shared', 'data'), '/work/shared/data'];
  return candidates.find((dir) => existsSync(join(dir, 'README.md'))) ?? null;
}
