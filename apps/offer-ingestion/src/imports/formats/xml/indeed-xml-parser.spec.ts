import * as net from 'node:net';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { chunkedStream, collectAll, feedFixture, feedGolden } from '@vigie/testing';
import type { FeedDeclaration, FeedItem, FeedParseLimits } from '../feed-format';
import { FeedFormatError } from '../feed-format-error';
import { openFeedStream } from '../open-feed-stream';
import { IndeedXmlFeedParser, MAX_JOB_ELEMENTS } from './indeed-xml-parser';

const limits: FeedParseLimits = { maxRecordBytes: 100_000, maxDepth: 32 };
const sut = new IndeedXmlFeedParser();

const parse = (body: Buffer | string, chunkBytes?: number, l = limits) =>
  collectAll(sut.parse(chunkedStream(body, chunkBytes), l));

/** The items read before the fault, and the fault. */
async function parseUntilFault(
  body: Buffer | string | Readable,
  l = limits,
): Promise<{ items: FeedItem[]; error: FeedFormatError }> {
  const items: FeedItem[] = [];
  try {
    for await (const item of sut.parse(body instanceof Readable ? body : chunkedStream(body, 4096), l))
      items.push(item);
  } catch (error) {
    if (error instanceof FeedFormatError) return { items, error };
    throw error;
  }
  throw new Error(`no fault after ${items.length} items`);
}

const job = (ref: string) =>
  `<job><referencenumber>${ref}</referencenumber><title>T ${ref}</title><description>D</description></job>`;

describe('IndeedXmlFeedParser', () => {
  it('yields the golden items of the fixture (X10 CDATA kept as text, X11 duplicate references both in order)', async () => {
    expect(await parse(feedFixture('xml/jobs.xml'))).toEqual(feedGolden<FeedItem[]>('xml/jobs.xml'));
  });

  it('gives the same items whatever the chunk boundaries', async () => {
    const body = feedFixture('xml/jobs.xml');

    expect(await parse(body, 1)).toEqual(await parse(body));
  });

  it('announces the expected count of the <source> header once, before the first job', async () => {
    const events: string[] = [];
    const declarations: FeedDeclaration[] = [];

    for await (const item of sut.parse(chunkedStream(feedFixture('xml/jobs.xml')), limits, (d) => {
      declarations.push(d);
      events.push('declaration');
    })) {
      events.push(`item ${item.position}`);
    }

    expect(declarations).toEqual([{ expectedCount: 4 }]);
    expect(events.slice(0, 2)).toEqual(['declaration', 'item 1']);
  });

  it('announces an empty declaration when the header gives no count', async () => {
    const declarations: FeedDeclaration[] = [];

    await collectAll(
      sut.parse(chunkedStream(`<source>${job('a')}</source>`), limits, (d) => declarations.push(d)),
    );

    expect(declarations).toEqual([{}]);
  });

  it('X10: escaped markup in a description is text, not markup', async () => {
    const [item] = await parse(
      `<source><job><referencenumber>x</referencenumber><description>&lt;script&gt;alert(1)&lt;/script&gt;</description></job></source>`,
    );

    expect(item!.candidate!.description).toBe('<script>alert(1)</script>');
  });

  describe('DOCTYPE (X1–X4)', () => {
    let connect: jest.SpyInstance;
    beforeEach(() => {
      connect = jest.spyOn(net.Socket.prototype, 'connect');
    });
    afterEach(() => connect.mockRestore());

    it.each([
      ['X1 external entity on a file', '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'],
      ['X2 external DTD', '<!DOCTYPE r SYSTEM "http://attacker.example/x.dtd"><r/>'],
      ['X2 parameter entity', '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://attacker.example/x.dtd"> %p;]><r/>'],
      ['X4 quadratic blow-up', `<!DOCTYPE r [<!ENTITY a "${'a'.repeat(1000)}">]><r>${'&a;'.repeat(100)}</r>`],
      [
        'a DOCTYPE after the declaration and a comment',
        '<?xml version="1.0"?><!-- feed --><!doctype source><source/>',
      ],
    ])('%s is FEED_DOCTYPE_FORBIDDEN, with no item and no connection', async (_name, body) => {
      const { items, error } = await parseUntilFault(body);

      expect(error.code).toBe('FEED_DOCTYPE_FORBIDDEN');
      expect(items).toEqual([]);
      expect(connect).not.toHaveBeenCalled();
    });

    it('X3: billion laughs is refused in under 100 ms', async () => {
      const entities = Array.from({ length: 9 }, (_, i) =>
        i === 0
          ? '<!ENTITY lol1 "lollollollollollollollollollol">'
          : `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
      ).join('');
      const body = `<?xml version="1.0"?><!DOCTYPE lolz [${entities}]><lolz>&lol9;</lolz>`;
      const started = performance.now();

      const { error } = await parseUntilFault(body);

      expect(error.code).toBe('FEED_DOCTYPE_FORBIDDEN');
      expect(performance.now() - started).toBeLessThan(100);
    });

    it('a DOCTYPE inside a CDATA description is text', async () => {
      const [item] = await parse(
        `<source><job><referencenumber>x</referencenumber><description><![CDATA[<!DOCTYPE html><p>ok</p>]]></description></job></source>`,
      );

      expect(item!.candidate!.description).toBe('<!DOCTYPE html><p>ok</p>');
    });
  });

  it('X5: 10^6 numeric character references hit the text cap quickly', async () => {
    const body = `<source><job><referencenumber>x</referencenumber><description>${'&#65;'.repeat(1_000_000)}</description></job></source>`;
    const started = performance.now();

    const { error } = await parseUntilFault(body);

    expect(['FEED_RECORD_TOO_LARGE', 'FEED_TEXT_TOO_LONG']).toContain(error.code);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('X5: one text node longer than the cap is refused before saxes holds it whole', async () => {
    const { error } = await parseUntilFault(`<source><job><description>${'x'.repeat(300_000)}`);

    expect(error.code).toBe('FEED_TEXT_TOO_LONG');
  });

  it('X6: a gzip bomb through openFeedStream stops at the decompressed cap', async () => {
    const bomb = gzipSync(`<source>${job('a').repeat(200_000)}</source>`);
    const source = openFeedStream(chunkedStream(bomb), { maxDecompressedBytes: 1_000_000 });

    const { items, error } = await parseUntilFault(source);

    expect(error.code).toBe('FEED_TOO_LARGE');
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(200_000);
  });

  it('X7: 100k-deep nesting is FEED_TOO_DEEP', async () => {
    const { error } = await parseUntilFault(`<source>${'<a>'.repeat(100_000)}`);

    expect(error.code).toBe('FEED_TOO_DEEP');
  });

  it('refuses a job with more elements than the cap', async () => {
    const { error } = await parseUntilFault(
      `<source><job><referencenumber>x</referencenumber>${'<category>c</category>'.repeat(MAX_JOB_ELEMENTS)}</job></source>`,
    );

    expect(error.code).toBe('FEED_TOO_MANY_ELEMENTS');
  });

  it('X8: 10k valid jobs then malformed XML: the 10k are yielded, then FEED_MALFORMED naming the line', async () => {
    const jobs = Array.from({ length: 10_000 }, (_, i) => job(`r${i}`)).join('\n');

    const { items, error } = await parseUntilFault(
      `<source>\n${jobs}\n<job><title>cut</titl></job></source>`,
    );

    expect(items).toHaveLength(10_000);
    expect(items[9_999]!.externalRef).toBe('r9999');
    expect(error.code).toBe('FEED_MALFORMED');
    expect(error.details![0]!.field).toBe('line 10002');
  });

  it('refuses an undefined entity (such as &nbsp;) as malformed', async () => {
    const { error } = await parseUntilFault('<source><job><title>a&nbsp;b</title></job></source>');

    expect(error.code).toBe('FEED_MALFORMED');
  });

  describe('encodings (X9)', () => {
    it('transcodes a windows-1252 feed: accents and € as they were meant', async () => {
      const head = Buffer.from(
        '<?xml version="1.0" encoding="windows-1252"?><source><job><referencenumber>w</referencenumber><title>',
        'latin1',
      );
      const title = Buffer.from([0x49, 0x6e, 0x67, 0xe9, 0x6e, 0x69, 0x65, 0x75, 0x72, 0x20, 0x80, 0x9c]); // Ingénieur €œ
      const tail = Buffer.from('</title></job></source>', 'latin1');

      const [item] = await parse(Buffer.concat([head, title, tail]), 3);

      expect(item!.candidate!.title).toBe('Ingénieur €œ');
    });

    it('refuses bytes that are not UTF-8 in an undeclared (UTF-8) feed, never storing U+FFFD', async () => {
      const body = Buffer.concat([
        Buffer.from('<source><job><title>Ing'),
        Buffer.from([0xe9]),
        Buffer.from('nieur</title></job></source>'),
      ]);

      const { error } = await parseUntilFault(body);

      expect(error.code).toBe('FEED_ENCODING_INVALID');
    });

    it('refuses a declared encoding it cannot read, naming the accepted ones', async () => {
      const { error } = await parseUntilFault('<?xml version="1.0" encoding="Shift_JIS"?><source/>');

      expect(error.code).toBe('FEED_ENCODING_INVALID');
      expect(error.message).toContain('UTF-8, windows-1252');
    });

    it('reads a UTF-8 BOM', async () => {
      const [item] = await parse(
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<source>${job('bom')}</source>`)]),
      );

      expect(item!.externalRef).toBe('bom');
    });
  });
});
