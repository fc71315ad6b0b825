import { readFileSync } from 'node:fs';
import {
  chunkedStream,
  collectAll,
  feedFixture,
  feedGolden,
  readJsonLines,
  sharedDataFile,
} from '@vigie/testing';
import type { FeedItem, FeedParseLimits } from '../feed-format';
import { OfferInputSchema } from '../../../offers/offer-input.schema';
import { canonicalOfferContent } from '../../../offers/canonical-offer';
import { FranceTravailFeedParser } from './france-travail-parser';

const limits: FeedParseLimits = { maxRecordBytes: 200_000, maxDepth: 16 };
const sut = new FranceTravailFeedParser();
const parse = (body: Buffer | string, chunkBytes?: number) =>
  collectAll(sut.parse(chunkedStream(body, chunkBytes), limits));

describe('FranceTravailFeedParser', () => {
  it('yields the golden items of a JSON array fixture', async () => {
    expect(await parse(feedFixture('francetravail/offres.json'))).toEqual(
      feedGolden<FeedItem[]>('francetravail/offres.json'),
    );
  });

  it('reads the same offers as JSON Lines, whatever the chunk boundaries', async () => {
    const offers = JSON.parse(feedFixture('francetravail/offres.json').toString('utf8')) as unknown[];
    const lines = offers.map((o) => JSON.stringify(o)).join('\n');

    expect(await parse(lines, 7)).toEqual(await parse(feedFixture('francetravail/offres.json')));
  });

  it('reports an offer over the record cap and reads the next one', async () => {
    const body = `[{"id":"big","description":"${'x'.repeat(300_000)}"},{"id":"next"}]`;

    const items = await parse(body, 1000);

    expect(items).toEqual([
      { position: 1, errors: [{ field: 'record 1', reason: 'longer than 200000 bytes' }] },
      { position: 2, externalRef: 'next', candidate: { externalRef: 'next' } },
    ]);
  });

  it('says FEED_MALFORMED when the array breaks off, after the offers before', async () => {
    const items: FeedItem[] = [];
    await expect(
      (async () => {
        for await (const item of sut.parse(chunkedStream('[{"id":"a"},{"id":"b"'), limits)) items.push(item);
      })(),
    ).rejects.toMatchObject({ code: 'FEED_MALFORMED' });
    expect(items.map((i) => i.externalRef)).toEqual(['a']);
  });

  it('accepts at least 99% of the real France Travail offers (shared data, when present)', async () => {
    const file = sharedDataFile('offers_france_travail.jsonl');
    if (file === undefined) {
      console.log('NOTICE: ../shared/data absent; the real-offer share is measured by npm run measure:feeds');
      return;
    }
    const count = readJsonLines(file).length;

    const items = await collectAll(sut.parse(chunkedStream(readFileSync(file)), limits));
    const accepted = items.filter((item) => {
      const input = OfferInputSchema.safeParse(item.candidate);
      return input.success && canonicalOfferContent(input.data) !== undefined;
    });

    const rejects = items.filter((item) => !accepted.includes(item));
    for (const item of rejects) {
      const errors =
        item.errors ??
        OfferInputSchema.safeParse(item.candidate).error?.issues.map((i) => ({
          field: i.path.join('.'),
          reason: i.message,
        }));
      console.log(`reject ${item.externalRef}: ${JSON.stringify(errors)}`);
    }
    console.log(
      `france travail: ${accepted.length}/${count} accepted (${((100 * accepted.length) / count).toFixed(2)}%)`,
    );
    expect(items).toHaveLength(count);
    expect(accepted.length / count).toBeGreaterThanOrEqual(0.99);
  });
});
