import { chunkedStream, collectAll, feedFixture, feedGolden } from '@vigie/testing';
import type { FeedItem, FeedParseLimits } from '../feed-format';
import { OfferInputSchema } from '../../../offers/offer-input.schema';
import { JsonLinesFeedParser } from './jsonl-parser';

const limits: FeedParseLimits = { maxRecordBytes: 4096, maxDepth: 16 };
const sut = new JsonLinesFeedParser();

const parse = (body: Buffer | string, chunkBytes?: number, l: FeedParseLimits = limits) =>
  collectAll(sut.parse(chunkedStream(body, chunkBytes), l));

describe('JsonLinesFeedParser', () => {
  it('yields the golden items of the fixture, bad lines as items with errors, in feed order', async () => {
    const items = await parse(feedFixture('jsonl/offers.jsonl'));

    expect(items).toEqual(feedGolden<FeedItem[]>('jsonl/offers.jsonl'));
  });

  it('gives the same items whatever the chunk boundaries (one byte at a time)', async () => {
    const body = feedFixture('jsonl/offers.jsonl');

    expect(await parse(body, 1)).toEqual(await parse(body));
  });

  it('reads CRLF line ends and a leading BOM', async () => {
    const body = '\uFEFF{"externalRef":"a"}\r\n{"externalRef":"b"}\r\n';

    const items = await parse(body);

    expect(items.map((i) => i.externalRef)).toEqual(['a', 'b']);
  });

  it('J1: drops __proto__, constructor and prototype keys, and no prototype is polluted', async () => {
    const body = [
      '{"externalRef":"p1","__proto__":{"isAdmin":true}}',
      '{"externalRef":"p2","constructor":{"prototype":{"isAdmin":true}}}',
      '{"externalRef":"p3","location":{"city":"Lyon","__proto__":{"polluted":1}}}',
    ].join('\n');

    const items = await parse(body);
    const merged = Object.assign({}, ...items.map((i) => i.candidate)) as Record<string, unknown>;

    expect(items.map((i) => Object.keys(i.candidate!))).toEqual([
      ['externalRef'],
      ['externalRef'],
      ['externalRef', 'location'],
    ]);
    expect(items[2]!.candidate!.location).toEqual({ city: 'Lyon' });
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(merged.isAdmin).toBeUndefined();
  });

  it('J2: a line nested past the depth cap is an item error, found before JSON.parse', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

    const items = await parse(`{"externalRef":"ok"}\n${deep}\n{"externalRef":"after"}`, undefined, {
      maxRecordBytes: 1_000_000,
      maxDepth: 16,
    });

    expect(items[1]).toEqual({
      position: 2,
      errors: [{ field: 'line 2', reason: 'nested deeper than 16 levels' }],
    });
    expect(items.map((i) => i.externalRef)).toEqual(['ok', undefined, 'after']);
  });

  it('J2: a line over the byte cap is reported without being parsed, and the next line is read', async () => {
    const huge = `{"externalRef":"big","description":"${'x'.repeat(10_000)}"}`;

    const items = await parse(`${huge}\n{"externalRef":"next"}\n`, 1000);

    expect(items).toEqual([
      { position: 1, errors: [{ field: 'line 1', reason: 'longer than 4096 bytes' }] },
      { position: 2, externalRef: 'next', candidate: { externalRef: 'next' } },
    ]);
  });

  it('J2: integers beyond 2^53 are kept as strings, digit for digit, wherever they are', async () => {
    const items = await parse('{"externalRef":123456789012345678901,"meta":[-9007199254740993,1.5e300,42]}');

    expect(items[0]!.externalRef).toBe('123456789012345678901');
    expect(items[0]!.candidate!.meta).toEqual(['-9007199254740993', 1.5e300, 42]);
  });

  it('reports bytes that are not UTF-8 instead of storing U+FFFD', async () => {
    const body = Buffer.concat([
      Buffer.from('{"externalRef":"caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}\n'),
    ]);

    expect(await parse(body)).toEqual([
      { position: 1, errors: [{ field: 'line 1', reason: 'not valid UTF-8' }] },
    ]);
  });

  it('J4: bidi overrides and zero-width characters pass through and the offer schema strips them', async () => {
    const title = 'D\u202Eév\u200Beloppeur\u200D web';
    const line = JSON.stringify({ externalRef: 'j4', title, description: 'x', contractType: 'cdi' });

    const [item] = await parse(line);
    const input = OfferInputSchema.parse(item!.candidate);

    expect(item!.candidate!.title).toBe(title);
    expect(input.title).toBe('Développeur web');
  });
});
