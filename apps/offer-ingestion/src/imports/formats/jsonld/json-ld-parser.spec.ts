import { chunkedStream, collectAll, feedFixture, feedGolden } from '@vigie/testing';
import type { FeedItem, FeedParseLimits } from '../feed-format';
import { OfferInputSchema } from '../../../offers/offer-input.schema';
import { JsonLdFeedParser } from './json-ld-parser';

const limits: FeedParseLimits = { maxRecordBytes: 4096, maxDepth: 16 };
const sut = new JsonLdFeedParser();

const parse = (body: Buffer | string, chunkBytes?: number, l: FeedParseLimits = limits) =>
  collectAll(sut.parse(chunkedStream(body, chunkBytes), l));

/** Items read before the feed fault, and the fault. */
async function parseUntilFault(body: string): Promise<{ items: FeedItem[]; error: unknown }> {
  const items: FeedItem[] = [];
  try {
    for await (const item of sut.parse(chunkedStream(body), limits)) items.push(item);
  } catch (error) {
    return { items, error };
  }
  return { items, error: undefined };
}

const posting = (ref: string, extra: Record<string, unknown> = {}) => ({
  '@type': 'JobPosting',
  identifier: ref,
  title: `Offre ${ref}`,
  description: 'Une offre.',
  employmentType: 'CDI',
  ...extra,
});

describe('JsonLdFeedParser', () => {
  it.each(['jobpostings.json', 'graph.jsonld', 'jobpostings.jsonl'])(
    'yields the golden items of jsonld/%s',
    async (name) => {
      expect(await parse(feedFixture(`jsonld/${name}`))).toEqual(feedGolden<FeedItem[]>(`jsonld/${name}`));
    },
  );

  it('gives the same items whatever the chunk boundaries (one byte at a time)', async () => {
    const body = feedFixture('jsonld/jobpostings.json');

    expect(await parse(body, 1)).toEqual(await parse(body));
  });

  it('reads one JobPosting object alone, with a BOM', async () => {
    const items = await parse(`\uFEFF${JSON.stringify(posting('solo'))}`);

    expect(items).toEqual([
      {
        position: 1,
        externalRef: 'solo',
        candidate: {
          externalRef: 'solo',
          title: 'Offre solo',
          description: 'Une offre.',
          contractType: 'cdi',
        },
      },
    ]);
  });

  it('maps the golden candidates onto valid offers, except the ones meant to be rejected', () => {
    const items = [
      ...feedGolden<FeedItem[]>('jsonld/jobpostings.json'),
      ...feedGolden<FeedItem[]>('jsonld/graph.jsonld'),
      ...feedGolden<FeedItem[]>('jsonld/jobpostings.jsonl'),
    ];
    const valid = items
      .filter((i) => i.candidate !== undefined && OfferInputSchema.safeParse(i.candidate).success)
      .map((i) => i.externalRef);

    // ST-7 is an internship whose salary is in CHF (left out), 88 a TEMPORARY job (cdd): both valid.
    expect(valid).toEqual([
      'AL-2041',
      '1234567',
      'ST-7',
      'https://emplois.example/offres/88',
      'TG-100',
      'L-1',
      'L-2',
      'L-3',
    ]);
    // TG-101 names only PART_TIME: no contract is guessed, the schema names contractType.
    const tg101 = items.find((i) => i.externalRef === 'TG-101')!;
    expect(OfferInputSchema.safeParse(tg101.candidate).error?.issues[0]?.path).toEqual(['contractType']);
  });

  it('J1: drops __proto__, constructor and prototype keys at every level, and pollutes nothing', async () => {
    const body =
      '[{"@type":"JobPosting","identifier":"p1","__proto__":{"isAdmin":true},"title":"T"},' +
      '{"@type":"JobPosting","identifier":"p2","constructor":{"prototype":{"isAdmin":true}},' +
      '"jobLocation":{"address":{"addressLocality":"Lyon","__proto__":{"polluted":1}}}}]';

    const items = await parse(body);

    expect(items.map((i) => i.candidate)).toEqual([
      { externalRef: 'p1', title: 'T' },
      { externalRef: 'p2', location: { city: 'Lyon' } },
    ]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(items[1]!.candidate!.location)).toBe(Object.prototype);
  });

  it('J2: a node nested past the depth cap is an item error, and the nodes around it are read', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const body = `[${JSON.stringify(posting('ok'))},{"@type":"JobPosting","x":${deep}},${JSON.stringify(posting('after'))}]`;

    const items = await parse(body, undefined, { maxRecordBytes: 1_000_000, maxDepth: 16 });

    expect(items[1]).toEqual({
      position: 2,
      errors: [{ field: 'node 2', reason: 'nested deeper than 16 levels' }],
    });
    expect(items.map((i) => i.externalRef)).toEqual(['ok', undefined, 'after']);
  });

  it('J2: a node over the byte cap is reported without being held, and the next one is read', async () => {
    const huge = posting('big', { description: 'x'.repeat(50_000) });
    const body = `{"@graph":[${JSON.stringify(huge)},${JSON.stringify(posting('next'))}]}`;

    const items = await parse(body, 1000);

    expect(items.map((i) => i.errors ?? i.externalRef)).toEqual([
      [{ field: 'node 1', reason: 'longer than 4096 bytes' }],
      'next',
    ]);
  });

  it('J2: ids beyond 2^53 are kept as strings digit for digit', async () => {
    const items = await parse(
      '{"@type":"JobPosting","identifier":{"@type":"PropertyValue","value":123456789012345678901}}',
    );

    expect(items[0]!.externalRef).toBe('123456789012345678901');
  });

  it('J4: bidi overrides and zero-width characters pass through and the offer schema strips them', async () => {
    const title = 'D\u202Eév\u200Beloppeur\u200D web';

    const [item] = await parse(JSON.stringify(posting('j4', { title })));
    const input = OfferInputSchema.parse(item!.candidate);

    expect(item!.candidate!.title).toBe(title);
    expect(input.title).toBe('Développeur web');
  });

  it('says FEED_MALFORMED when the JSON breaks, after the nodes before', async () => {
    const { items, error } = await parseUntilFault(
      `[${JSON.stringify(posting('a'))},${JSON.stringify(posting('b'))},{"@type":"JobPosting",`,
    );

    expect(error).toMatchObject({ code: 'FEED_MALFORMED' });
    expect(items.map((i) => i.externalRef)).toEqual(['a', 'b']);
  });

  it('says FEED_MALFORMED for a bare value at the top level', async () => {
    const { error } = await parseUntilFault('42');

    expect(error).toMatchObject({ code: 'FEED_MALFORMED' });
  });

  it('says FEED_ENCODING_INVALID for bytes that are not UTF-8', async () => {
    const body = Buffer.concat([Buffer.from('[{"title":"caf'), Buffer.from([0xe9]), Buffer.from('"}]')]);

    await expect(parse(body)).rejects.toMatchObject({ code: 'FEED_ENCODING_INVALID' });
  });
});
