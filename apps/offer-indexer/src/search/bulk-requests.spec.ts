import { canonicalOffer } from '@vigie/testing';
import { IndexOperation } from '../indexing/offer-index.port';
import { bulkRequests } from './bulk-requests';

const upsert = (offerId: string, description = 'Soudure inox.'): IndexOperation => ({
  kind: 'upsert',
  offerId,
  version: 1,
  document: {
    ...canonicalOffer({ description }),
    offerId,
    recruiterId: 'r',
    version: 1,
    indexedAt: '2026-12-01T10:00:00.000Z',
  },
});
const ids = (body: string) =>
  body
    .trimEnd()
    .split('\n')
    .filter((_, i) => i % 2 === 0)
    .map((line) => (JSON.parse(line) as { index: { _id: string } }).index._id);

describe('bulkRequests', () => {
  it('keeps everything in one request when it fits', () => {
    const requests = bulkRequests('offers', [upsert('a'), upsert('b')], { maxBytes: 1e6, maxDocs: 10 });

    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ first: 0, count: 2 });
    expect(ids(requests[0]!.body)).toEqual(['a', 'b']);
    expect(requests[0]!.body.endsWith('\n')).toBe(true);
  });

  it('cuts by count, in order, and says where each request starts', () => {
    const ops = ['a', 'b', 'c', 'd', 'e'].map((id) => upsert(id));

    const requests = bulkRequests('offers', ops, { maxBytes: 1e6, maxDocs: 2 });

    expect(requests.map((r) => [r.first, r.count, ids(r.body)])).toEqual([
      [0, 2, ['a', 'b']],
      [2, 2, ['c', 'd']],
      [4, 1, ['e']],
    ]);
  });

  it('cuts by bytes, never past the limit unless one operation alone exceeds it', () => {
    const big = 'x'.repeat(3_000);
    const ops = [upsert('a', big), upsert('b', big), upsert('c', 'x'.repeat(9_000)), upsert('d', big)];
    const limits = { maxBytes: 8_000, maxDocs: 100 };

    const requests = bulkRequests('offers', ops, limits);

    expect(requests.map((r) => ids(r.body))).toEqual([['a', 'b'], ['c'], ['d']]);
    for (const r of requests.filter((r) => r.count > 1))
      expect(Buffer.byteLength(r.body)).toBeLessThanOrEqual(limits.maxBytes);
  });

  it('counts bytes, not characters: accented text is larger on the wire', () => {
    const ops = [upsert('a', 'é'.repeat(2_000)), upsert('b', 'é'.repeat(2_000))];

    const requests = bulkRequests('offers', ops, { maxBytes: 6_000, maxDocs: 100 });

    expect(requests).toHaveLength(2);
  });

  it('writes nothing for no operations', () => {
    expect(bulkRequests('offers', [], { maxBytes: 1e6, maxDocs: 10 })).toEqual([]);
  });
});
