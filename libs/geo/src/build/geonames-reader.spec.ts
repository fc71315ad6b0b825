import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFrenchGeoNames } from './geonames-reader';
import { findSourcePackage, GEONAMES_PACKAGE } from './source-packages';

/** A GeoNames line: geonameid, name, asciiname, alternatenames, lat, lon, class, code, country, cc2, admin1–4, population… */
const line = (
  name: string,
  country: string,
  admin2: string,
  admin4: string,
  lat: number,
  lon: number,
  population = 1000,
): string =>
  [
    1,
    name,
    name,
    'Alt,Names',
    lat,
    lon,
    'P',
    'PPL',
    country,
    '',
    '84',
    admin2,
    '691',
    admin4,
    population,
    '',
    200,
    'Europe/Paris',
    '2024-01-01',
  ].join('\t');

describe('readFrenchGeoNames', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-geonames-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps France and its overseas departments, maps their country codes, skips the rest', () => {
    const file = join(dir, 'small.txt');
    writeFileSync(
      file,
      [
        line('Lyon', 'FR', '69', '69123', 45.74846, 4.84671, 522969),
        line('Saint-Pierre', 'RE', '974', '97416', -21.3393, 55.47811),
        line('Mamoudzou', 'YT', '', '', -12.78234, 45.22878),
        line('Saint-Pierre', 'PM', '', '', 46.78104, -56.1773),
        line('Genève', 'CH', 'GE', '', 46.20222, 6.14569),
        'a broken line without tabs',
        line('Soldeu', 'AD', '02', '', 42.57688, 1.66769),
      ].join('\n'), // no final newline: the last line still counts
    );
    expect(readFrenchGeoNames(file)).toEqual([
      {
        name: 'Lyon',
        latitude: 45.74846,
        longitude: 4.84671,
        featureCode: 'PPL',
        departmentCode: '69',
        inseeCode: '69123',
        population: 522969,
      },
      {
        name: 'Saint-Pierre',
        latitude: -21.3393,
        longitude: 55.47811,
        featureCode: 'PPL',
        departmentCode: '974',
        inseeCode: '97416',
        population: 1000,
      },
      {
        name: 'Mamoudzou',
        latitude: -12.78234,
        longitude: 45.22878,
        featureCode: 'PPL',
        departmentCode: '976',
        inseeCode: '',
        population: 1000,
      },
    ]);
  });

  it('reads lines that straddle its 1 MiB chunks', () => {
    const file = join(dir, 'large.txt');
    const rows = Array.from({ length: 12_000 }, (_, i) =>
      line(`Bourg ${i} é`, i % 3 === 0 ? 'US' : 'FR', '01', String(1000 + i).padStart(5, '0'), 46, 5),
    );
    writeFileSync(file, `${rows.join('\n')}\n`);
    const places = readFrenchGeoNames(file);
    expect(places).toHaveLength(8_000);
    expect(places.every((p, k) => p.name === `Bourg ${Math.floor(k / 2) * 3 + (k % 2) + 1} é`)).toBe(true);
  });

  it('finds about 15,000 French places in the packaged cities500.txt', () => {
    const places = readFrenchGeoNames(join(findSourcePackage(GEONAMES_PACKAGE).dir, 'dist', 'cities500.txt'));
    expect(places.length).toBeGreaterThan(15_000);
    expect(places.filter((p) => p.departmentCode === '974').length).toBeGreaterThan(15);
    expect(places.find((p) => p.inseeCode === '75056')?.name).toBe('Paris');
  });
});
