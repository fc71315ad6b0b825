import { OfferChangedV2, TOPICS } from '@vigie/contracts';
import { goldenFixture, testInfra, uniqueId } from '@vigie/testing';
import { Client, Types } from '@opensearch-project/opensearch';
import { liveOffersFilter } from '@vigie/offer-index';
import { IndexOperation, OfferDocument } from '../indexing/offer-index.port';
import { createSearchClient } from '@vigie/search-engine';
import { FakeClock, SystemClock } from '@vigie/kernel';
import { offerIndexNames, OpenSearchOfferIndex } from './opensearch-offer-index';

const fixture = goldenFixture<OfferChangedV2>(TOPICS.offerChanged, 'active');
const minimal = goldenFixture<OfferChangedV2>(TOPICS.offerChanged, 'minimal');

function goneOp(offerId: string, version: number): IndexOperation {
  const document = { offerId, recruiterId: fixture.recruiterId, version, status: 'deleted' as const };
  return { kind: 'gone', offerId, version, document: { ...document, indexedAt: new Date().toISOString() } };
}

function doc(offerId: string, version: number, title = fixture.offer!.title): OfferDocument {
  return {
    ...fixture.offer!,
    title,
    offerId,
    recruiterId: fixture.recruiterId,
    version,
    indexedAt: new Date().toISOString(),
  };
}

const logger = { warn: jest.fn(), info: jest.fn() };

describe('OpenSearchOfferIndex on OpenSearch', () => {
  let client: Client;
  let sut: OpenSearchOfferIndex;
  const names = offerIndexNames(`${uniqueId('idx')}-`);

  beforeAll(async () => {
    client = createSearchClient({ url: testInfra().searchUrl }, { requestTimeoutMs: 30_000 });
    sut = new OpenSearchOfferIndex(client, names, 0, new SystemClock(), { warn: jest.fn(), info: jest.fn() });
    await sut.ensureIndex();
  });

  afterAll(async () => {
    await client.indices.delete({ index: names.index }).catch(() => undefined);
    await client.close();
  });

  const getVersion = async (id: string) => {
    const res = await client.get({ index: names.alias, id }, { ignore: [404] });
    return (res.body as { found: boolean; _version?: number }).found
      ? (res.body as { _version: number })._version
      : null;
  };

  it('creates the index behind its alias once, however often it is asked', async () => {
    await sut.ensureIndex();
    const alias = await client.indices.getAlias({ name: names.alias });
    expect(Object.keys(alias.body)).toEqual([names.index]);
  });

  it('stores every field of the canonical offer, and finds offers by commune, department, contract and distance', async () => {
    const full = '66666666-6666-4666-8666-666666666666';
    const bare = '77777777-7777-4777-8777-777777777777';
    expect(
      await sut.write([
        { kind: 'upsert', offerId: full, version: 1, document: doc(full, 1) },
        { kind: 'upsert', offerId: bare, version: 1, document: { ...doc(bare, 1), ...minimal.offer! } },
      ]),
    ).toEqual([{ status: 'applied' }, { status: 'applied' }]);
    await client.indices.refresh({ index: names.index });

    const search = async (filter: Types.Common_QueryDsl.QueryContainer[]) => {
      const res = await client.search({ index: names.alias, body: { query: { bool: { filter } } } });
      return (res.body.hits.hits as Array<{ _id: string }>).map((h) => h._id);
    };
    expect(await search([{ term: { 'place.commune.code': '69383' } }])).toEqual([full]);
    expect(
      await search([{ term: { 'place.departmentCode': '69' } }, { term: { romeCode: 'M1805' } }]),
    ).toEqual([full]);
    expect(
      await search([{ term: { 'contract.type': 'cdd' } }, { term: { 'moderation.ruleIds': 'R15' } }]),
    ).toEqual([bare]);
    expect(await search([{ range: { 'salary.minAnnualEur': { gte: 40_000 } } }])).toEqual([full]);
    expect(
      await search([{ geo_distance: { distance: '5km', 'place.geo': { lat: 45.764, lon: 4.8357 } } }]),
    ).toEqual([full]);
  });

  it('leaves the alias on an older generation and writes through it until the generation bump swaps it', async () => {
    const older = offerIndexNames(`${uniqueId('idx-gen')}-`);
    const previous = older.index.replace(/-v\d+$/, '-v1');
    await client.indices.create({
      index: previous,
      body: { aliases: { [older.alias]: { is_write_index: true } } },
    });
    const upgraded = new OpenSearchOfferIndex(client, older, 0, new SystemClock(), {
      warn: jest.fn(),
      info: jest.fn(),
    });
    try {
      await upgraded.ensureIndex();
      await upgraded.ensureIndex();

      const alias = await client.indices.getAlias({ name: older.alias });
      expect(Object.keys(alias.body)).toEqual([previous]);
      expect((await client.indices.exists({ index: older.index })).body).toBe(false);
      const id = '88888888-8888-4888-8888-888888888888';
      expect(
        await upgraded.write([{ kind: 'upsert', offerId: id, version: 1, document: doc(id, 1) }]),
      ).toEqual([{ status: 'applied' }]);
    } finally {
      await client.indices.delete({ index: [previous, older.index] }).catch(() => undefined);
    }
  });

  it('never lets an older version overwrite a newer one (external versioning)', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    expect(
      await sut.write([{ kind: 'upsert', offerId: id, version: 3, document: doc(id, 3, 'Version trois') }]),
    ).toEqual([{ status: 'applied' }]);
    expect(
      await sut.write([{ kind: 'upsert', offerId: id, version: 2, document: doc(id, 2, 'Version deux') }]),
    ).toEqual([{ status: 'stale' }]);
    expect(
      await sut.write([{ kind: 'upsert', offerId: id, version: 3, document: doc(id, 3, 'Version trois') }]),
    ).toEqual([{ status: 'stale' }]);
    expect(await getVersion(id)).toBe(3);
  });

  it('keeps a deleted offer out of search when an older update arrives after the delete, and liveOffersFilter() hides it', async () => {
    const id = '22222222-2222-4222-8222-222222222222';
    await sut.write([{ kind: 'upsert', offerId: id, version: 1, document: doc(id, 1) }]);
    expect(await sut.write([goneOp(id, 3)])).toEqual([{ status: 'applied' }]);
    expect(await sut.write([{ kind: 'upsert', offerId: id, version: 2, document: doc(id, 2) }])).toEqual([
      { status: 'stale' },
    ]);
    expect(await getVersion(id)).toBe(3);
    await client.indices.refresh({ index: names.index });
    const res = await client.search({
      index: names.alias,
      body: { query: { bool: { filter: [{ ids: { values: [id] } }, liveOffersFilter()] } } },
    });
    expect(res.body.hits.hits).toEqual([]);
    const unfiltered = await client.search({
      index: names.alias,
      body: { query: { ids: { values: [id] } } },
    });
    expect(unfiltered.body.hits.hits.map((h) => h._source)).toEqual([
      expect.objectContaining({ offerId: id, version: 3, state: 'gone', status: 'deleted' }),
    ]);
  });

  it('keeps a deleted offer deleted long after the engine has forgotten deletes (index.gc_deletes), where a real delete would let the old update back in', async () => {
    await client.indices.putSettings({ index: names.index, body: { index: { gc_deletes: '0ms' } } });
    try {
      const kept = '22222222-2222-4222-8222-222222222223';
      const control = '22222222-2222-4222-8222-222222222224';
      await sut.write([
        { kind: 'upsert', offerId: kept, version: 1, document: doc(kept, 1) },
        { kind: 'upsert', offerId: control, version: 1, document: doc(control, 1) },
      ]);
      expect(await sut.write([goneOp(kept, 3)])).toEqual([{ status: 'applied' }]);
      // The control shows the window is real: a plain delete's version is forgotten once pruned.
      await client.delete({ index: names.index, id: control, version: 3, version_type: 'external' });
      // The engine prunes forgotten deletes on a later refresh, whenever it gets to it (later under load):
      // retry the control until its old update gets back in, which proves the window has passed.
      const controlLate = await eventually(
        async () => {
          await client.indices.refresh({ index: names.index });
          const [status] = await sut.write([
            { kind: 'upsert', offerId: control, version: 2, document: doc(control, 2) },
          ]);
          return status;
        },
        (status) => status?.status === 'applied',
      );

      const late = await sut.write([{ kind: 'upsert', offerId: kept, version: 2, document: doc(kept, 2) }]);

      expect(controlLate).toEqual({ status: 'applied' });
      expect(late).toEqual([{ status: 'stale' }]);
      expect(await getVersion(kept)).toBe(3);
      expect(await sut.held([kept])).toEqual(new Map());
    } finally {
      await client.indices.putSettings({ index: names.index, body: { index: { gc_deletes: '60s' } } });
    }
  });

  it('tells which version and indexing time it holds for live offers, right after the write and without a refresh', async () => {
    const live = '99999999-9999-4999-8999-999999999991';
    const gone = '99999999-9999-4999-8999-999999999992';
    const never = '99999999-9999-4999-8999-999999999993';
    const written = doc(live, 4);
    await sut.write([
      { kind: 'upsert', offerId: live, version: 4, document: written },
      { kind: 'upsert', offerId: gone, version: 1, document: doc(gone, 1) },
    ]);
    await sut.write([goneOp(gone, 2)]);

    const held = await sut.held([live, gone, never]);

    expect([...held]).toEqual([[live, { version: 4, indexedAt: written.indexedAt }]]);
  });

  it('writes a bulk load in several requests in flight, each outcome at its place, with the refresh interval relaxed meanwhile', async () => {
    const clock = new FakeClock();
    const own = offerIndexNames(`${uniqueId('bulk')}-`);
    const bulk = new OpenSearchOfferIndex(client, own, 0, clock, logger, {
      maxBytes: 64 * 1024,
      maxDocs: 40,
      concurrency: 3,
      refresh: { bulkInterval: '30s', bulkMinDocs: 100, idleMs: 1_000 },
    });
    await bulk.ensureIndex();
    const refreshInterval = async () => {
      const { body } = await client.indices.getSettings({ index: own.alias });
      return (Object.values(body)[0] as { settings: { index: { refresh_interval?: string } } }).settings.index
        .refresh_interval;
    };
    const ops: IndexOperation[] = Array.from({ length: 250 }, (_, i) => ({
      kind: 'upsert',
      offerId: `bulk-${i}`,
      version: 2,
      document: doc(`bulk-${i}`, 2),
    }));

    const first = await bulk.write(ops);
    expect(await refreshInterval()).toBe('30s');
    const newer: IndexOperation = {
      kind: 'upsert',
      offerId: 'bulk-100',
      version: 3,
      document: doc('bulk-100', 3),
    };
    const again = await bulk.write([...ops.slice(0, 100), newer]);
    clock.advance(1_000);
    await bulk.settleRefresh();

    expect(first.every((o) => o.status === 'applied')).toBe(true);
    expect(again.map((o) => o.status)).toEqual([...Array.from({ length: 100 }, () => 'stale'), 'applied']);
    expect(await refreshInterval()).toBe('1s');
    await client.indices.refresh({ index: own.alias });
    const { body } = await client.count({ index: own.alias });
    expect(body.count).toBe(250);
    const held = await bulk.held(['bulk-100']);
    expect(held.get('bulk-100')?.version).toBe(3);
    await client.indices.delete({ index: own.index });
  });

  it('reports a document the mapping refuses as rejected, without failing the rest of the bulk', async () => {
    const good = '33333333-3333-4333-8333-333333333333';
    const bad = '44444444-4444-4444-8444-444444444444';
    const outcomes = await sut.write([
      { kind: 'upsert', offerId: bad, version: 1, document: { ...doc(bad, 1), publishedAt: 'not a date' } },
      { kind: 'upsert', offerId: good, version: 1, document: doc(good, 1) },
    ]);
    expect(outcomes[0]).toEqual({ status: 'rejected', reason: expect.stringContaining('400') });
    expect(outcomes[1]).toEqual({ status: 'applied' });
  });

  it('analyses French: accents, elision, plurals and case do not get in the way of a search', async () => {
    const id = '55555555-5555-4555-8555-555555555555';
    await sut.write([
      {
        kind: 'upsert',
        offerId: id,
        version: 1,
        document: doc(id, 1, "L'équipe recrute des Développeurs Électroniciens"),
      },
    ]);
    await client.indices.refresh({ index: names.index });
    for (const q of ['developpeur', 'électronicien', 'EQUIPE']) {
      const res = await client.search({ index: names.alias, body: { query: { match: { title: q } } } });
      const ids = (res.body.hits.hits as Array<{ _id: string }>).map((h) => h._id);
      expect({ q, ids }).toEqual({ q, ids: expect.arrayContaining([id]) });
    }
  });
});

async function eventually<T>(
  attempt: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
