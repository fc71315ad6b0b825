import { offerInput } from '@vigie/testing';
import { offerContentHash } from './canonical-offer';
import { clustered } from './normalized-offer';
import { prepareBatch } from './prepare-batch';

const RECRUITER = '0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b';

describe('prepareBatch', () => {
  const items = [
    offerInput({ externalRef: 'B-2' }),
    { externalRef: 'BAD', title: '' },
    offerInput({ externalRef: 'A-1', title: 'Vendeuse', description: 'Recherche vendeuse 25-35 ans.' }),
    offerInput({ externalRef: 'B-2' }),
  ];

  it('survives a structured clone whole, so a worker thread can hand it over', async () => {
    const prepared = await prepareBatch(RECRUITER, items, false);

    const copy = structuredClone(prepared);

    expect(copy).toEqual(prepared);
    expect(copy.ordered.map((o) => clustered(o.offer, 'cluster-1').contentHash)).toEqual(
      prepared.ordered.map((o) =>
        offerContentHash({ ...o.offer.content, clusterId: 'cluster-1' }, o.offer.publishedAt),
      ),
    );
  });

  it('gives the same batch whether it yields between slices or not', async () => {
    const [straight, yielding] = await Promise.all([
      prepareBatch(RECRUITER, items, false),
      prepareBatch(RECRUITER, items, true),
    ]);

    expect(yielding).toEqual(straight);
    expect(straight.ordered.map((o) => o.offer.externalRef)).toEqual(['A-1', 'B-2']);
    expect(straight.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'INVALID'],
      [3, 'INVALID'],
    ]);
  });

  it('points the clustering candidates at the prepared contents, not at copies', async () => {
    const prepared = await prepareBatch(RECRUITER, items, false);

    prepared.screened!.candidates.forEach((c, i) => expect(c.offer).toBe(prepared.ordered[i]!.offer.content));
  });
});
