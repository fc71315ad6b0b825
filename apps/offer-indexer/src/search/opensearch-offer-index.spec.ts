import { Client, errors } from '@opensearch-project/opensearch';
import { OfferChangedV2 } from '@vigie/contracts';
import { goldenFixture } from '@vigie/testing/unit';
import { IndexOperation, OfferDocument } from '../indexing/offer-index.port';
import { OFFER_INDEX_GENERATION, OFFER_INDEX_MAPPINGS } from '@vigie/offer-index';
import { FakeClock } from '@vigie/kernel';
import {
  BulkWriteSettings,
  DEFAULT_BULK_WRITE,
  isCurrentGeneration,
  offerIndexNames,
  OpenSearchOfferIndex,
  rebuiltIndexName,
} from './opensearch-offer-index';

const CURRENT = `test-offers-v${OFFER_INDEX_GENERATION}`;
const PREVIOUS = `test-offers-v${OFFER_INDEX_GENERATION - 1}`;
const active = goldenFixture<OfferChangedV2>('offers.offer.changed.v2', 'active');
const document: OfferDocument = {
  ...active.offer!,
  offerId: active.offerId,
  recruiterId: active.recruiterId,
  version: 3,
  indexedAt: '2026-11-28T09:15:01.250Z',
};
const upsert = (offerId: string, version = 3): IndexOperation => ({
  kind: 'upsert',
  offerId,
  version,
  document: { ...document, offerId, version },
});
const remove = (offerId: string, version = 4): IndexOperation => ({
  kind: 'gone',
  offerId,
  version,
  document: {
    offerId,
    recruiterId: active.recruiterId,
    version,
    status: 'deleted',
    indexedAt: document.indexedAt,
  },
});

type BulkItem = Record<string, { status: number; error?: { type?: string; reason?: string } }>;

/**
 * A client reduced to the calls the adapter makes. Bulk answers each request with the next of the
 * given items, one per operation it carries, so a write cut into several requests gets them in order.
 */
function fakeClient(items: BulkItem[] = []) {
  let answered = 0;
  const client = {
    bulk: jest.fn(async ({ body }: { body: string }) => {
      const count = body.trimEnd().split('\n').length / 2;
      answered += count;
      return { body: { items: items.slice(answered - count, answered) } };
    }),
    indices: {
      exists: jest.fn(async (_: { index: string }) => ({ body: true })),
      create: jest.fn(async (_: unknown) => ({ body: { acknowledged: true } })),
      /** By default the alias already points at the current generation alone. */
      getAlias: jest.fn(
        async (
          req: { name: string },
          __?: unknown,
        ): Promise<{ statusCode: number; body: Record<string, unknown> }> =>
          // No reindex in progress: the backfill alias does not exist.
          req.name === 'test-offers-backfill'
            ? { statusCode: 404, body: {} }
            : { statusCode: 200, body: { [CURRENT]: { aliases: { 'test-offers': {} } } } },
      ),
      updateAliases: jest.fn(async (_: unknown) => ({ body: { acknowledged: true } })),
      putSettings: jest.fn(async (_: unknown) => ({ body: { acknowledged: true } })),
    },
  };
  return client;
}

const logger = { warn: jest.fn(), info: jest.fn() };

function makeSut(items: BulkItem[] = [], bulk: BulkWriteSettings = DEFAULT_BULK_WRITE) {
  const client = fakeClient(items);
  const clock = new FakeClock();
  const sut = new OpenSearchOfferIndex(
    client as unknown as Client,
    offerIndexNames('test-'),
    1,
    clock,
    logger,
    bulk,
  );
  return { sut, client, clock };
}

/** The NDJSON lines of the n-th bulk request, parsed. */
function sent(client: ReturnType<typeof fakeClient>, n = 0): unknown[] {
  const body = client.bulk.mock.calls[n]![0].body;
  return body
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

describe('offerIndexNames', () => {
  it('prefixes the alias and the generation index', () => {
    expect(offerIndexNames('ci-42-')).toEqual({
      alias: 'ci-42-offers',
      index: `ci-42-offers-v${OFFER_INDEX_GENERATION}`,
      backfillAlias: 'ci-42-offers-backfill',
    });
    expect(offerIndexNames('')).toMatchObject({
      alias: 'offers',
      index: `offers-v${OFFER_INDEX_GENERATION}`,
    });
  });

  it('counts the first index and the rebuilt ones of the current generation as current, nothing else', () => {
    const names = offerIndexNames('test-');
    const rebuilt = rebuiltIndexName(names, new Date('2026-12-01T19:30:05.123Z'));
    expect(rebuilt).toBe(`${CURRENT}-r20261201193005`);
    expect(isCurrentGeneration(names, CURRENT)).toBe(true);
    expect(isCurrentGeneration(names, rebuilt)).toBe(true);
    expect(isCurrentGeneration(names, PREVIOUS)).toBe(false);
    expect(isCurrentGeneration(names, `${PREVIOUS}-r20261201193005`)).toBe(false);
    expect(isCurrentGeneration(names, `${CURRENT}-rX`)).toBe(false);
  });
});

describe('OpenSearchOfferIndex.write during a reindex (backfill alias)', () => {
  const NEXT = `${CURRENT}-r20261201193005`;
  function duringReindex(items: BulkItem[]) {
    const made = makeSut(items);
    made.client.indices.getAlias.mockImplementation(async (req: { name: string }) =>
      req.name === 'test-offers-backfill'
        ? { statusCode: 200, body: { [NEXT]: { aliases: { 'test-offers-backfill': {} } } } }
        : { statusCode: 200, body: { [CURRENT]: { aliases: { 'test-offers': {} } } } },
    );
    return made;
  }
  const targetsOf = (client: ReturnType<typeof fakeClient>) =>
    client.bulk.mock.calls.map((call) =>
      call[0].body
        .trimEnd()
        .split('\n')
        .filter((_, i) => i % 2 === 0)
        .map((line) => (JSON.parse(line) as { index: { _index: string } }).index._index),
    );

  it('writes every operation to the alias and to the next generation, with the same external versions', async () => {
    const { sut, client } = duringReindex([
      { index: { status: 201 } },
      { index: { status: 409 } },
      { index: { status: 201 } },
      { index: { status: 201 } },
    ]);

    const outcomes = await sut.write([upsert('offer-a', 3), remove('offer-b', 9)]);

    // The alias's answers are the outcomes; the next generation's 201s change nothing.
    expect(outcomes).toEqual([{ status: 'applied' }, { status: 'stale' }]);
    expect(targetsOf(client)).toEqual([
      ['test-offers', 'test-offers'],
      [NEXT, NEXT],
    ]);
  });

  it('retries an item the next generation asked to retry, and keeps one it refused (the catch-up repairs it)', async () => {
    const { sut } = duringReindex([
      { index: { status: 201 } },
      { index: { status: 201 } },
      { index: { status: 429, error: { type: 'es_rejected_execution_exception' } } },
      { index: { status: 400, error: { type: 'mapper_parsing_exception' } } },
    ]);

    const outcomes = await sut.write([upsert('offer-a'), upsert('offer-b')]);

    expect(outcomes[0]).toMatchObject({
      status: 'retry',
      reason: expect.stringMatching(/^next generation: 429/),
    });
    expect(outcomes[1]).toEqual({ status: 'applied' });
    expect(logger.warn).toHaveBeenCalledWith(
      { targets: [NEXT], refused: 1 },
      'the next generation refused documents the current one took',
    );
  });
});

describe('OpenSearchOfferIndex.write', () => {
  it('sends nothing for an empty list', async () => {
    const { sut, client } = makeSut();

    await expect(sut.write([])).resolves.toEqual([]);
    expect(client.bulk).not.toHaveBeenCalled();
  });

  it('writes through the alias with external versions: the offer version, so older never overwrites newer', async () => {
    const { sut, client } = makeSut([{ index: { status: 201 } }, { index: { status: 201 } }]);

    await sut.write([upsert('offer-a', 3), remove('offer-b', 9)]);

    expect(client.bulk).toHaveBeenCalledTimes(1);
    expect(sent(client)).toEqual([
      { index: { _index: 'test-offers', _id: 'offer-a', version: 3, version_type: 'external' } },
      {
        ...document,
        offerId: 'offer-a',
        version: 3,
        place: { ...document.place, geo: { lat: 45.7597, lon: 4.8422 } },
        salary: { ...document.salary, ceilingAnnualEur: 55_000 },
        state: 'live',
        status: 'active',
      },
      { index: { _index: 'test-offers', _id: 'offer-b', version: 9, version_type: 'external' } },
      {
        offerId: 'offer-b',
        recruiterId: active.recruiterId,
        version: 9,
        status: 'deleted',
        indexedAt: document.indexedAt,
        state: 'gone',
      },
    ]);
  });

  it('stores coordinates as a geo_point { lat, lon }, as the mapping requires', async () => {
    const { sut, client } = makeSut([{ index: { status: 201 } }]);

    await sut.write([upsert('offer-a')]);

    const source = sent(client)[1] as { place: { geo: unknown; label: string } };
    expect(source.place.geo).toEqual({ lat: 45.7597, lon: 4.8422 });
    expect(source.place.label).toBe('69 - LYON 03');
  });

  it('keeps a missing place or missing coordinates as null', async () => {
    const { sut, client } = makeSut([{ index: { status: 201 } }, { index: { status: 201 } }]);
    const noGeo: IndexOperation = {
      kind: 'upsert',
      offerId: 'a',
      version: 1,
      document: { ...document, place: { ...document.place!, geo: null, geoPrecision: null } },
    };
    const noLocation: IndexOperation = {
      kind: 'upsert',
      offerId: 'b',
      version: 1,
      document: { ...document, place: null },
    };

    await sut.write([noGeo, noLocation]);

    const body = sent(client) as Array<{ place?: { geo: unknown } | null }>;
    expect(body[1]!.place?.geo).toBeNull();
    expect(body[3]!.place).toBeNull();
  });

  it('does not alter the document it was given', async () => {
    const { sut } = makeSut([{ index: { status: 201 } }]);
    const op = upsert('offer-a');

    await sut.write([op]);

    expect(op.kind === 'upsert' && op.document.place?.geo).toEqual({
      latitude: 45.7597,
      longitude: 4.8422,
    });
  });

  it.each([
    ['200 on an upsert', upsert('o'), { index: { status: 200 } }, { status: 'applied' }],
    ['201 on an upsert', upsert('o'), { index: { status: 201 } }, { status: 'applied' }],
    ['201 on a gone document', remove('o'), { index: { status: 201 } }, { status: 'applied' }],
    [
      '409 on an upsert (same or newer version already there)',
      upsert('o'),
      { index: { status: 409, error: { type: 'version_conflict_engine_exception' } } },
      { status: 'stale' },
    ],
    [
      '409 on a gone document',
      remove('o'),
      { index: { status: 409, error: { type: 'version_conflict_engine_exception' } } },
      { status: 'stale' },
    ],
  ])('maps %s', async (_, op, item, expected) => {
    const { sut } = makeSut([item]);

    await expect(sut.write([op])).resolves.toEqual([expected]);
  });

  it.each([
    [429, 'es_rejected_execution_exception', 'rejected execution of coordinating operation'],
    [503, 'unavailable_shards_exception', 'primary shard is not active'],
    [500, 'internal_server_error', 'boom'],
  ])('asks to retry an item answered %s, with the reason', async (status, type, reason) => {
    const { sut } = makeSut([{ index: { status, error: { type, reason } } }]);

    await expect(sut.write([upsert('o')])).resolves.toEqual([
      { status: 'retry', reason: `${status} ${type} ${reason}` },
    ]);
  });

  it('rejects an item the engine cannot map, with the engine reason', async () => {
    const { sut } = makeSut([
      {
        index: {
          status: 400,
          error: { type: 'mapper_parsing_exception', reason: 'failed to parse field [place.geo]' },
        },
      },
    ]);

    await expect(sut.write([upsert('o')])).resolves.toEqual([
      { status: 'rejected', reason: '400 mapper_parsing_exception failed to parse field [place.geo]' },
    ]);
  });

  it('rejects an upsert answered 404 (no index behind the alias)', async () => {
    const { sut } = makeSut([{ index: { status: 404, error: { type: 'index_not_found_exception' } } }]);

    await expect(sut.write([upsert('o')])).resolves.toEqual([
      { status: 'rejected', reason: '404 index_not_found_exception' },
    ]);
  });

  it('keeps the answers in the order of the operations', async () => {
    const { sut } = makeSut([
      { index: { status: 201 } },
      { index: { status: 409 } },
      { index: { status: 201 } },
      { index: { status: 429 } },
      { index: { status: 400, error: { type: 'mapper_parsing_exception' } } },
    ]);

    const outcomes = await sut.write([upsert('a'), upsert('b'), remove('c'), upsert('d'), upsert('e')]);

    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'stale', 'applied', 'retry', 'rejected']);
  });

  it('propagates a failure of the whole bulk request', async () => {
    const { sut, client } = makeSut();
    client.bulk.mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:9200'));

    await expect(sut.write([upsert('o')])).rejects.toThrow('ECONNREFUSED');
  });
});

describe('OpenSearchOfferIndex.write, the bulk path', () => {
  const small = { ...DEFAULT_BULK_WRITE, maxDocs: 2, concurrency: 2 };
  const created = (n: number) => Array.from({ length: n }, () => ({ index: { status: 201 } }));

  it('cuts a large write into requests of at most maxDocs, and maps every outcome back to its operation', async () => {
    const items = [...created(3), { index: { status: 409 } }, { index: { status: 400 } }];
    const { sut, client } = makeSut(items, small);

    const outcomes = await sut.write(['a', 'b', 'c', 'd', 'e'].map((id) => upsert(id)));

    expect(client.bulk).toHaveBeenCalledTimes(3);
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'applied', 'stale', 'rejected']);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const { sut, client } = makeSut(created(8), { ...small, maxDocs: 1, concurrency: 3 });
    let inFlight = 0;
    let most = 0;
    const answer = client.bulk.getMockImplementation()!;
    client.bulk.mockImplementation(async (request) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight -= 1;
      return answer(request);
    });

    await sut.write(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => upsert(id)));

    expect(client.bulk).toHaveBeenCalledTimes(8);
    expect(most).toBe(3);
  });

  it('asks to retry the items of a request the engine refused as a whole (429), and only those', async () => {
    const { sut, client } = makeSut(created(4), small);
    const answer = client.bulk.getMockImplementation()!;
    client.bulk
      .mockImplementationOnce(async (request) => answer(request))
      .mockRejectedValueOnce(
        new errors.ResponseError({
          body: { error: { type: 'rejected_execution_exception' } },
          statusCode: 429,
          headers: {},
          warnings: null,
          meta: {} as never,
        }),
      );

    const outcomes = await sut.write(['a', 'b', 'c', 'd'].map((id) => upsert(id)));

    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'retry', 'retry']);
  });

  it('fails loudly when the engine answers fewer items than it was sent', async () => {
    const { sut } = makeSut(created(1));

    await expect(sut.write([upsert('a'), upsert('b')])).rejects.toThrow(
      'bulk answered 1 items for 2 operations',
    );
  });

  it('relaxes the refresh interval for a bulk load and restores it once the load is over', async () => {
    const bulk = { ...DEFAULT_BULK_WRITE, refresh: { bulkInterval: '30s', bulkMinDocs: 3, idleMs: 5_000 } };
    const { sut, client, clock } = makeSut(created(4), bulk);

    await sut.write([upsert('a')]);
    expect(client.indices.putSettings).not.toHaveBeenCalled();
    await sut.write([upsert('b'), upsert('c'), upsert('d')]);
    clock.advance(5_000);
    await sut.settleRefresh();

    expect(client.indices.putSettings.mock.calls.map(([c]) => c)).toEqual([
      { index: 'test-offers', body: { index: { refresh_interval: '30s' } } },
      { index: 'test-offers', body: { index: { refresh_interval: '1s' } } },
    ]);
  });

  it('still writes when the refresh interval cannot be changed', async () => {
    const bulk = { ...DEFAULT_BULK_WRITE, refresh: { bulkInterval: '30s', bulkMinDocs: 1, idleMs: 5_000 } };
    const { sut, client } = makeSut(created(1), bulk);
    client.indices.putSettings.mockRejectedValue(new Error('cluster_block_exception'));

    await expect(sut.write([upsert('a')])).resolves.toEqual([{ status: 'applied' }]);
  });
});

describe('OpenSearchOfferIndex.ensureIndex', () => {
  const noAlias = { statusCode: 404, body: {} };
  const aliasOn = (...indices: string[]) => ({
    statusCode: 200,
    body: Object.fromEntries(indices.map((i) => [i, { aliases: { 'test-offers': {} } }])),
  });

  it('creates the generation index with the strict mapping and the alias as write index on a first start', async () => {
    const { sut, client } = makeSut();
    client.indices.getAlias.mockResolvedValue(noAlias);
    client.indices.exists.mockResolvedValue({ body: false });

    await sut.ensureIndex();

    expect(client.indices.getAlias).toHaveBeenCalledWith({ name: 'test-offers' }, { ignore: [404] });
    expect(client.indices.exists).toHaveBeenCalledWith({ index: CURRENT });
    expect(client.indices.create).toHaveBeenCalledWith({
      index: CURRENT,
      body: {
        settings: expect.objectContaining({ number_of_shards: 1, number_of_replicas: 1 }),
        mappings: OFFER_INDEX_MAPPINGS,
        aliases: { 'test-offers': { is_write_index: true } },
      },
    });
    expect(client.indices.updateAliases).not.toHaveBeenCalled();
    expect(OFFER_INDEX_MAPPINGS.dynamic).toBe('strict');
  });

  it('does nothing to the alias when it already points at the current generation alone', async () => {
    const { sut, client } = makeSut();

    await sut.ensureIndex();

    expect(client.indices.create).not.toHaveBeenCalled();
    expect(client.indices.updateAliases).not.toHaveBeenCalled();
  });

  it('sets the usual refresh interval again, in case a previous process died during a bulk load', async () => {
    const { sut, client } = makeSut();

    await sut.ensureIndex();

    expect(client.indices.putSettings).toHaveBeenCalledWith({
      index: 'test-offers',
      body: { index: { refresh_interval: '1s' } },
    });
  });

  it('leaves the alias on an older generation: the generation bump rebuilds the current one', async () => {
    const { sut, client } = makeSut();
    client.indices.getAlias.mockResolvedValue(aliasOn(PREVIOUS));
    client.indices.exists.mockResolvedValue({ body: false });

    await sut.ensureIndex();

    expect(client.indices.create).not.toHaveBeenCalled();
    expect(client.indices.updateAliases).not.toHaveBeenCalled();
  });

  it('merges an alias on several indices onto the current generation in one atomic update', async () => {
    const { sut, client } = makeSut();
    client.indices.getAlias.mockResolvedValue({ statusCode: 200, body: { [PREVIOUS]: {}, [CURRENT]: {} } });
    client.indices.exists.mockResolvedValue({ body: true });

    await sut.ensureIndex();

    expect(client.indices.create).not.toHaveBeenCalled();
    expect(client.indices.updateAliases).toHaveBeenCalledWith({
      body: {
        actions: [
          { remove: { index: PREVIOUS, alias: 'test-offers' } },
          { add: { index: CURRENT, alias: 'test-offers', is_write_index: true } },
        ],
      },
    });
  });

  it('tolerates another replica moving the alias first', async () => {
    const { sut, client } = makeSut();
    client.indices.getAlias
      .mockResolvedValueOnce({ statusCode: 200, body: { [PREVIOUS]: {}, [CURRENT]: {} } })
      .mockResolvedValueOnce(aliasOn(CURRENT));
    client.indices.exists.mockResolvedValue({ body: true });
    client.indices.updateAliases.mockRejectedValue(new Error('aliases_not_found_exception'));

    await expect(sut.ensureIndex()).resolves.toBeUndefined();
  });

  it('tolerates another replica creating the index first', async () => {
    const { sut, client } = makeSut();
    client.indices.getAlias.mockResolvedValue(noAlias);
    client.indices.exists.mockResolvedValue({ body: false });
    client.indices.create.mockRejectedValue(
      new Error(`resource_already_exists_exception: index [${CURRENT}/abc] already exists`),
    );

    await expect(sut.ensureIndex()).resolves.toBeUndefined();
  });

  it('propagates an alias update that failed for a real reason', async () => {
    const { sut, client } = makeSut();
    client.indices.getAlias.mockResolvedValue({ statusCode: 200, body: { [PREVIOUS]: {}, [CURRENT]: {} } });
    client.indices.exists.mockResolvedValue({ body: true });
    client.indices.updateAliases.mockRejectedValue(new Error('cluster_block_exception'));

    await expect(sut.ensureIndex()).rejects.toThrow('cluster_block_exception');
  });

  it('propagates any other creation failure', async () => {
    const { sut, client } = makeSut();
    client.indices.getAlias.mockResolvedValue(noAlias);
    client.indices.exists.mockResolvedValue({ body: false });
    client.indices.create.mockRejectedValue(new Error('cluster_block_exception'));

    await expect(sut.ensureIndex()).rejects.toThrow('cluster_block_exception');
  });
});
