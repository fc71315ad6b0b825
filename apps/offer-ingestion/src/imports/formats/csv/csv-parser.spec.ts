import { readFileSync } from 'node:fs';
import { chunkedStream, collectAll, feedFixture, feedGolden } from '@vigie/testing';
import type { FeedFormatError } from '../feed-format-error';
import type { FeedItem, FeedParseLimits } from '../feed-format';
import { OfferInputSchema } from '../../../offers/offer-input.schema';
import { CsvFeedParser, delimiterOf, frenchNumber } from './csv-parser';
import { CSV_COLUMNS, OFFER_FEED_TEMPLATE_CSV, OFFER_FEED_TEMPLATE_PATH } from './offer-feed-template';

const limits: FeedParseLimits = { maxRecordBytes: 10_000, maxDepth: 16 };
const sut = new CsvFeedParser();
const parse = (body: Buffer | string, chunkBytes?: number) =>
  collectAll(sut.parse(chunkedStream(body, chunkBytes), limits));

async function fault(body: string): Promise<FeedFormatError> {
  try {
    await parse(body);
  } catch (error) {
    return error as FeedFormatError;
  }
  throw new Error('no fault');
}

describe('CsvFeedParser', () => {
  it('C1, C2: yields the golden items of a ;-separated fixture with BOM, quoted newlines and French numbers', async () => {
    expect(await parse(feedFixture('csv/offers-semicolon.csv'))).toEqual(
      feedGolden<FeedItem[]>('csv/offers-semicolon.csv'),
    );
  });

  it('gives the same items whatever the chunk boundaries', async () => {
    const body = feedFixture('csv/offers-semicolon.csv');

    expect(await parse(body, 1)).toEqual(await parse(body));
  });

  it('reads a ,-separated file without BOM, header names in any case', async () => {
    const items = await parse('EXTERNALREF,Title,salarymin,salaryPeriod\nA,"Chef, cuisine",1800.5,month\n');

    expect(items).toEqual([
      {
        position: 1,
        externalRef: 'A',
        candidate: { externalRef: 'A', title: 'Chef, cuisine', salary: { min: 1800.5, period: 'month' } },
      },
    ]);
  });

  it('refuses a header without externalRef, naming the columns', async () => {
    const error = await fault('title;city\nA;B\n');

    expect(error.code).toBe('FEED_MALFORMED');
    expect(error.message).toContain(CSV_COLUMNS.join(', '));
  });

  it('reports an unclosed quote as FEED_MALFORMED after the rows before it', async () => {
    const items: FeedItem[] = [];
    let error: FeedFormatError | undefined;
    try {
      for await (const item of sut.parse(chunkedStream('externalRef;title\nA;ok\nB;"never closed\n'), limits))
        items.push(item);
    } catch (e) {
      error = e as FeedFormatError;
    }

    expect(items.map((i) => i.externalRef)).toEqual(['A']);
    expect(error?.code).toBe('FEED_MALFORMED');
  });

  it('refuses a row larger than the record cap', async () => {
    expect((await fault(`externalRef;description\nA;"${'x'.repeat(20_000)}"\n`)).code).toBe(
      'FEED_RECORD_TOO_LARGE',
    );
  });

  it('refuses bytes that are not UTF-8', async () => {
    const body = Buffer.concat([
      Buffer.from('externalRef;title\nA;caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);

    await expect(parse(body)).rejects.toMatchObject({ code: 'FEED_ENCODING_INVALID' });
  });

  it('C3: streams 50,000 rows, one item per row, positions in order', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `R${i};Titre ${i};Desc;cdi;Lyon;;;;;`).join('\n');

    const items = await parse(
      `externalRef;title;description;contractType;city;postalCode;salaryMin;salaryMax;salaryPeriod;companyName\n${rows}\n`,
    );

    expect(items).toHaveLength(50_000);
    expect(items[49_999]).toMatchObject({ position: 50_000, externalRef: 'R49999' });
  });

  describe('the template', () => {
    it('is the same text as the downloadable file', () => {
      expect(readFileSync(OFFER_FEED_TEMPLATE_PATH, 'utf8')).toBe(OFFER_FEED_TEMPLATE_CSV);
    });

    it('names every documented column and its rows are valid offers', async () => {
      const items = await parse(OFFER_FEED_TEMPLATE_CSV);

      expect(OFFER_FEED_TEMPLATE_CSV.replace('\uFEFF', '').split('\r\n')[0]!.split(';')).toEqual([
        ...CSV_COLUMNS,
      ]);
      expect(items).toHaveLength(2);
      for (const item of items) expect(OfferInputSchema.safeParse(item.candidate).error).toBeUndefined();
    });
  });

  it.each([
    ['a;b;c', ';'],
    ['a,b,c', ','],
    ['"x;y",b,c', ','],
  ])('chooses the delimiter of %p', (line, expected) => {
    expect(delimiterOf(line)).toBe(expected);
  });

  it.each([
    ['1 234,56', 1234.56],
    ['2\u00a0000', 2000],
    ['-2,2138', -2.2138],
    ['1800.50', 1800.5],
    ['douze', undefined],
    ['1,2,3', undefined],
  ])('reads the number %p', (raw, expected) => {
    expect(frenchNumber(raw)).toBe(expected);
  });
});
