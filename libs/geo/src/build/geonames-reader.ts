import { closeSync, openSync, readSync } from 'node:fs';

/** A GeoNames place of France (metropolitan or overseas department). */
export interface GeoNamesPlace {
  readonly name: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly featureCode: string;
  /** INSEE department code: admin2 for FR, GP/MQ/GF/RE/YT mapped to 971…976. */
  readonly departmentCode: string;
  /** INSEE commune code (GeoNames admin4 for France); empty when GeoNames has none (Mayotte). */
  readonly inseeCode: string;
  readonly population: number;
}

/**
 * GeoNames files overseas departments under their own ISO country codes, not FR; we keep them so
 * that 971–976 get coordinates too. Collectivities outside the INSEE regions (975, 977, 978, 98x)
 * are out of the gazetteer's scope.
 */
const OVERSEAS_DEPARTMENTS: Record<string, string> = {
  GP: '971',
  MQ: '972',
  GF: '973',
  RE: '974',
  YT: '976',
};

const TAB = 9;
const NEWLINE = 10;
const CHUNK_BYTES = 1 << 20;

/**
 * Reads the French rows of GeoNames' cities500.txt (tab-separated, one place a line, 32 MB, about
 * 200,000 places of which 15,000 are French).
 *
 * Why not the package's own generator: it decodes the file one byte at a time and parses every
 * place on Earth into an object, about 3,500 rows/s here (a minute for the file), and it throws on
 * row 17,185, whose feature code is empty. This reader scans raw bytes in 1 MiB chunks, looks at
 * the country column (the 9th) of each line as bytes and decodes only the lines of France: the
 * whole file in about 0.2 s (npm run measure:gazetteer measures both), with bounded memory. It runs
 * only when the gazetteer's cache is built (gazetteer-cache.ts), never on a warm start.
 */
export function readFrenchGeoNames(file: string): GeoNamesPlace[] {
  const places: GeoNamesPlace[] = [];
  const fd = openSync(file, 'r');
  try {
    let carry = Buffer.alloc(0);
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const read = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      const data =
        carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      let start = 0;
      for (let end = data.indexOf(NEWLINE, start); end >= 0; end = data.indexOf(NEWLINE, start)) {
        const place = parseLine(data, start, end);
        if (place) places.push(place);
        start = end + 1;
      }
      carry = Buffer.from(data.subarray(start));
    }
    if (carry.length > 0) {
      const place = parseLine(carry, 0, carry.length);
      if (place) places.push(place);
    }
  } finally {
    closeSync(fd);
  }
  return places;
}

function parseLine(data: Buffer, start: number, end: number): GeoNamesPlace | null {
  let column = start;
  for (let tabs = 0; tabs < 8; tabs++) {
    column = data.indexOf(TAB, column) + 1;
    if (column === 0 || column > end) return null;
  }
  const country = data.toString('latin1', column, column + 2);
  if (data[column + 2] !== TAB) return null;
  const department = country === 'FR' ? null : OVERSEAS_DEPARTMENTS[country];
  if (country !== 'FR' && department === undefined) return null;
  const fields = data.toString('utf8', start, end).split('\t');
  const departmentCode = department ?? fields[11] ?? '';
  if (departmentCode === '') return null;
  return {
    name: fields[1] ?? '',
    latitude: Number(fields[4]),
    longitude: Number(fields[5]),
    featureCode: fields[7] ?? '',
    departmentCode,
    inseeCode: fields[13] ?? '',
    population: Number(fields[14] || 0),
  };
}
