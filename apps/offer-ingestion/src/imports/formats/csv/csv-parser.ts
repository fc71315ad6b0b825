import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { FeedDeclaration, FeedFieldError, FeedItem, FeedParseLimits, FeedParser } from '../feed-format';
import { FeedFormatError } from '../feed-format-error';
import { contractTypeOf, workingTimeOf } from '../mapping/contract-vocabulary';
import { feedDate } from '../mapping/feed-dates';
import { remoteModeOf } from '../mapping/remote-mode';
import { utf8Text } from '../utf8-text';
import { withoutUndefined } from '../xml/indeed-xml-parser';
import { CSV_COLUMNS, type CsvColumn } from './offer-feed-template';

const CANONICAL_CONTRACTS = new Set([
  'cdi',
  'cdd',
  'interim',
  'apprenticeship',
  'professionalisation',
  'internship',
  'freelance',
  'seasonal',
]);

/**
 * CSV offers (RFC 4180 with csv-parse, streaming): `,` or `;` chosen from the header line, UTF-8
 * with or without BOM, quoted newlines, French numbers (`1 234,56`). Positions are data rows (the
 * header is row 0). Cells are kept verbatim, `=HYPERLINK(…)` included (row C1): formula
 * neutralisation belongs to the CSV *export* of reports, where a spreadsheet would run it.
 */
export class CsvFeedParser implements FeedParser {
  readonly format = 'csv' as const;

  async *parse(
    source: Readable,
    limits: FeedParseLimits,
    onDeclaration?: (d: FeedDeclaration) => void,
  ): AsyncGenerator<FeedItem> {
    const text = withHeaderLine(utf8Text(source), limits.maxRecordBytes);
    const first = await text.next();
    if (first.done) return;
    const delimiter = delimiterOf(first.value.headerLine);
    const parser = parse({
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: limits.maxRecordBytes,
    });
    const input = Readable.from(
      (async function* () {
        yield first.value.text;
        for (;;) {
          const next = await text.next();
          if (next.done) return;
          yield next.value.text;
        }
      })(),
      { objectMode: false },
    );
    input.on('error', (error) => parser.destroy(error));
    input.pipe(parser);

    let columns: Array<CsvColumn | undefined> | undefined;
    let row = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        if (columns === undefined) {
          columns = headerColumns(record);
          onDeclaration?.({});
          continue;
        }
        row += 1;
        yield rowItem(row, record, columns);
      }
    } catch (error) {
      if (error instanceof CsvError) {
        const code = error.code === 'CSV_MAX_RECORD_SIZE' ? 'FEED_RECORD_TOO_LARGE' : 'FEED_MALFORMED';
        throw new FeedFormatError(code, `the CSV is malformed after row ${row}: ${error.message}`, [
          { field: `row ${row + 1}`, reason: error.code },
        ]);
      }
      throw error;
    } finally {
      input.destroy();
    }
  }
}

/** The text, with the header line (up to its first newline outside quotes is not needed: headers hold no newline). */
async function* withHeaderLine(
  chunks: AsyncGenerator<string>,
  maxBytes: number,
): AsyncGenerator<{ text: string; headerLine: string }> {
  let head = '';
  let headerLine: string | undefined;
  for await (const chunk of chunks) {
    if (headerLine !== undefined) {
      yield { text: chunk, headerLine };
      continue;
    }
    head += chunk;
    const end = head.indexOf('\n');
    if (end === -1 && head.length <= maxBytes) continue;
    headerLine = end === -1 ? head : head.slice(0, end);
    yield { text: head, headerLine };
  }
  if (headerLine === undefined && head.length > 0) yield { text: head, headerLine: head };
}

/** `;` when the header line has more semicolons than commas outside quotes, else `,`. */
export function delimiterOf(headerLine: string): ';' | ',' {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const count = (c: string) => unquoted.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

function headerColumns(record: string[]): Array<CsvColumn | undefined> {
  const byName = new Map(CSV_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const columns = record.map((name) =>
    byName.get(
      name
        .replace(/^\uFEFF/, '')
        .trim()
        .toLowerCase(),
    ),
  );
  if (!columns.includes('externalRef')) {
    throw new FeedFormatError(
      'FEED_MALFORMED',
      `the CSV header has no externalRef column; columns: ${CSV_COLUMNS.join(', ')}`,
      [{ field: 'header', reason: 'must name an externalRef column' }],
    );
  }
  return columns;
}

function rowItem(
  position: number,
  record: string[],
  columns: ReadonlyArray<CsvColumn | undefined>,
): FeedItem {
  const errors: FeedFieldError[] = [];
  if (record.length !== columns.length) {
    errors.push({
      field: `row ${position}`,
      reason: `has ${record.length} cells, the header has ${columns.length}`,
    });
  }
  const cells = new Map<CsvColumn, string>();
  columns.forEach((column, i) => {
    // Verbatim (row C1: `\t=1` keeps its tab); the schema trims and cleans text later.
    const value = record[i];
    if (column !== undefined && value !== undefined && value.trim() !== '') cells.set(column, value);
  });
  const get = (c: CsvColumn) => cells.get(c);
  const number = (c: CsvColumn): number | undefined => {
    const raw = get(c);
    if (raw === undefined) return undefined;
    const value = frenchNumber(raw);
    if (value === undefined) errors.push({ field: c, reason: `'${raw}' is not a number` });
    return value;
  };
  const externalRef = get('externalRef');
  const contract = get('contractType');
  const latitude = number('latitude');
  const longitude = number('longitude');
  const salaryMin = number('salaryMin');
  const salaryMax = number('salaryMax');
  const period = get('salaryPeriod');
  const city = get('city');
  const candidate = withoutUndefined({
    externalRef,
    title: get('title'),
    description: get('description'),
    companyName: get('companyName'),
    contractType:
      contract === undefined
        ? undefined
        : CANONICAL_CONTRACTS.has(contract)
          ? contract
          : (contractTypeOf(contract) ?? contract),
    workingTime: mapped(get('workingTime'), workingTimeOf),
    remote: mapped(get('remote'), remoteModeOf),
    romeCode: get('romeCode'),
    location:
      city === undefined
        ? undefined
        : withoutUndefined({
            city,
            postalCode: get('postalCode'),
            communeCode: get('communeCode'),
            latitude,
            longitude,
          }),
    salary:
      salaryMin === undefined && salaryMax === undefined
        ? undefined
        : withoutUndefined({ min: salaryMin, max: salaryMax, period: period?.toLowerCase() }),
    applyUrl: get('applyUrl'),
    publishedAt: feedDate(get('publishedAt')),
    validThrough: feedDate(get('validThrough')),
  });
  return {
    position,
    ...(externalRef !== undefined && { externalRef }),
    ...(errors.length > 0 ? { errors } : { candidate }),
  };
}

/** Canonical values pass; source wordings are mapped; anything else is left for the schema to name. */
function mapped<T extends string>(
  value: string | undefined,
  map: (v: string) => T | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  return map(value) ?? value;
}

/** `1 234,56`, `1234.56`, `-2,2138`, `2 100` (no-break spaces too); `undefined` when it is not a number. */
export function frenchNumber(raw: string): number | undefined {
  const compact = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^-?\d+(?:[.,]\d+)?$/.test(compact)) return undefined;
  return Number(compact.replace(',', '.'));
}
