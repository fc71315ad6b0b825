import { driveFakeTimers } from '@vigie/testing/unit';
import {
  envelopeToHeaders,
  headersToEnvelope,
  OfferChangedV2,
  offerIndexedV2,
  OfferIndexedV2,
} from '@vigie/contracts';
import { ConsumedEvent, EventPublisher, OutgoingEvent, TransientError } from '@vigie/messaging';
import { goldenFixture } from '@vigie/testing/unit';
import { IndexedVersion, IndexStateRepository } from './index-state.repository';
import { IndexOffersUseCase } from './index-offers.usecase';
import { HeldVersion, IndexedEntry, IndexOperation, IndexOutcome, OfferIndex } from './offer-index.port';

const TOPIC = 'offers.offer.changed.v2';
const active = goldenFixture<OfferChangedV2>(TOPIC, 'active');
const deleted = goldenFixture<OfferChangedV2>(TOPIC, 'deleted');
const expired = goldenFixture<OfferChangedV2>(TOPIC, 'expired');
const OFFER_A = active.offerId;
const OFFER_B = '7a2d3c8f-4e5b-4d2f-8c3a-9b8e6f5d4c32';
const OFFER_C = '8b3e4d9a-5f6c-4e3a-9d4b-ac9f7a6e5d43';

let offset = 0;
function changed(
  value: Partial<OfferChangedV2> & { offerId: string; version: number },
  correlationId = `corr-${value.offerId.slice(0, 4)}-v${value.version}`,
): ConsumedEvent<OfferChangedV2> {
  const full: OfferChangedV2 = { ...active, ...value };
  const envelope = {
    eventId: `00000000-0000-4000-8000-${String(++offset).padStart(12, '0')}`,
    eventType: 'offers.offer.changed',
    schemaVersion: 2,
    occurredAt: full.changedAt,
    correlationId,
    producer: 'vigie/offer-ingestion',
  };
  return {
    topic: TOPIC,
    partition: 0,
    offset: String(offset),
    key: full.offerId,
    value: full,
    envelope,
    headers: envelopeToHeaders(envelope),
    rawValue: Buffer.from(JSON.stringify(full)),
  };
}

const gone = (offerId: string, version: number, status: 'deleted' | 'expired' = 'deleted') => ({
  kind: 'gone',
  offerId,
  version,
  document: { offerId, recruiterId: active.recruiterId, version, status, indexedAt: expect.any(String) },
});

const deletion = (offerId: string, version: number) => changed({ ...deleted, offerId, version });

class FakeOfferIndex extends OfferIndex {
  readonly writes: IndexOperation[][] = [];
  /** Answers each write; by default every operation is applied. */
  respond: (ops: readonly IndexOperation[], call: number) => IndexOutcome[] = (ops) =>
    ops.map(() => ({ status: 'applied' }));

  /** What the index holds, for the 409 answers; empty unless a test says otherwise. */
  readonly holding = new Map<string, HeldVersion>();
  readonly heldAsked: string[][] = [];

  async ensureIndex(): Promise<void> {}

  async held(offerIds: readonly string[]): Promise<Map<string, HeldVersion>> {
    this.heldAsked.push([...offerIds]);
    return new Map([...this.holding].filter(([id]) => offerIds.includes(id)));
  }

  async write(operations: readonly IndexOperation[]): Promise<IndexOutcome[]> {
    this.writes.push([...operations]);
    return this.respond(operations, this.writes.length);
  }

  // Reconciliation's reads, unused by indexing.
  async entries(): Promise<IndexedEntry[]> {
    return [];
  }

  async remove(): Promise<number> {
    return 0;
  }
}

class FakeIndexState extends IndexStateRepository {
  readonly recorded: IndexedVersion[][] = [];
  async record(versions: readonly IndexedVersion[]): Promise<void> {
    this.recorded.push([...versions]);
  }
}

class FakePublisher extends EventPublisher {
  readonly published: OutgoingEvent[] = [];
  async publish(events: readonly OutgoingEvent[]): Promise<void> {
    this.published.push(...events);
  }
}

function makeSut() {
  const index = new FakeOfferIndex();
  const state = new FakeIndexState();
  const publisher = new FakePublisher();
  const sut = new IndexOffersUseCase(index, state, publisher);
  return { sut, index, state, publisher };
}

const published = (publisher: FakePublisher) =>
  publisher.published.map((e) => JSON.parse(e.value) as OfferIndexedV2);

const drive = <T>(promise: Promise<T>) => driveFakeTimers(promise, { stepMs: 500, maxSteps: 1_000 });

describe('IndexOffersUseCase', () => {
  it('writes only the newest version of each offer in a batch', async () => {
    const { sut, index } = makeSut();

    await sut.execute([
      changed({ offerId: OFFER_A, version: 3 }),
      changed({ offerId: OFFER_A, version: 5 }),
      changed({ offerId: OFFER_A, version: 4 }),
      changed({ offerId: OFFER_B, version: 1 }),
    ]);

    expect(index.writes).toHaveLength(1);
    expect(index.writes[0]!.map((op) => [op.offerId, op.version])).toEqual([
      [OFFER_A, 5],
      [OFFER_B, 1],
    ]);
  });

  it('upserts an active offer with its canonical content, ids, version and indexing time', async () => {
    const { sut, index } = makeSut();

    await sut.execute([changed({ offerId: OFFER_A, version: 3 })]);

    const op = index.writes[0]![0]!;
    expect(op).toEqual({
      kind: 'upsert',
      offerId: OFFER_A,
      version: 3,
      document: {
        ...active.offer,
        offerId: OFFER_A,
        recruiterId: active.recruiterId,
        version: 3,
        indexedAt: expect.any(String),
      },
    });
  });

  it('writes a deleted offer as a gone document at its version, which no older update can overwrite', async () => {
    const { sut, index } = makeSut();

    await sut.execute([deletion(OFFER_A, 4)]);

    expect(index.writes[0]).toEqual([gone(OFFER_A, 4)]);
  });

  it('takes an expired offer out of search like a deleted one, and records and announces it as expired', async () => {
    const { sut, index, state, publisher } = makeSut();

    await sut.execute([changed({ ...expired, offerId: OFFER_A, version: 4 })]);

    expect(index.writes[0]).toEqual([gone(OFFER_A, 4, 'expired')]);
    expect(state.recorded[0]).toEqual([{ offerId: OFFER_A, version: 4, status: 'expired' }]);
    expect(published(publisher)).toEqual([
      expect.objectContaining({ offerId: OFFER_A, version: 4, status: 'expired', offer: null }),
    ]);
    expect(offerIndexedV2.value.safeParse(published(publisher)[0]).success).toBe(true);
  });

  it('writes the gone document when a newer deletion follows an update in the same batch', async () => {
    const { sut, index } = makeSut();

    await sut.execute([changed({ offerId: OFFER_A, version: 3 }), deletion(OFFER_A, 4)]);

    expect(index.writes[0]).toEqual([gone(OFFER_A, 4)]);
  });

  it('records and announces the applied versions', async () => {
    const { sut, state, publisher } = makeSut();

    const outcome = await sut.execute([changed({ offerId: OFFER_A, version: 3 }), deletion(OFFER_B, 2)]);

    expect(outcome).toEqual({ rejected: [] });
    expect(state.recorded).toEqual([
      [
        { offerId: OFFER_A, version: 3, status: 'active' },
        { offerId: OFFER_B, version: 2, status: 'deleted' },
      ],
    ]);
    expect(published(publisher).map((v) => [v.offerId, v.version, v.status])).toEqual([
      [OFFER_A, 3, 'active'],
      [OFFER_B, 2, 'deleted'],
    ]);
  });

  it('counts a stale version (409) as done, and neither records nor announces it when the index holds a newer one', async () => {
    const { sut, index, state, publisher } = makeSut();
    index.respond = () => [{ status: 'stale' }];
    index.holding.set(OFFER_A, { version: 5, indexedAt: '2026-11-30T10:00:00.000Z' });

    const outcome = await sut.execute([changed({ offerId: OFFER_A, version: 3 })]);

    expect(outcome.rejected).toEqual([]);
    expect(state.recorded.flat()).toEqual([]);
    expect(publisher.published).toEqual([]);
  });

  it('announces nothing for a stale update of an offer the index no longer holds (replayed after its deletion)', async () => {
    const { sut, index, state, publisher } = makeSut();
    index.respond = () => [{ status: 'stale' }];

    const outcome = await sut.execute([changed({ offerId: OFFER_A, version: 1 })]);

    expect(outcome.rejected).toEqual([]);
    expect(index.heldAsked).toEqual([[OFFER_A]]);
    expect(state.recorded.flat()).toEqual([]);
    expect(publisher.published).toEqual([]);
  });

  it('announces nothing for a stale deletion, without asking the index', async () => {
    const { sut, index, publisher } = makeSut();
    index.respond = () => [{ status: 'stale' }];

    await sut.execute([deletion(OFFER_A, 2)]);

    expect(index.heldAsked).toEqual([]);
    expect(publisher.published).toEqual([]);
  });

  it('announces again, with its original indexing time, a stale version the index holds exactly (its first announcement may be lost)', async () => {
    const { sut, index, state, publisher } = makeSut();
    const firstIndexedAt = '2026-11-30T10:00:00.000Z';
    index.respond = (ops) =>
      ops.map((op) => (op.offerId === OFFER_A ? { status: 'stale' } : { status: 'applied' }));
    index.holding.set(OFFER_A, { version: 3, indexedAt: firstIndexedAt });

    await sut.execute([changed({ offerId: OFFER_A, version: 3 }), changed({ offerId: OFFER_B, version: 1 })]);

    expect(state.recorded[0]).toEqual([
      { offerId: OFFER_B, version: 1, status: 'active' },
      { offerId: OFFER_A, version: 3, status: 'active' },
    ]);
    const announced = published(publisher);
    expect(announced.map((v) => [v.offerId, v.version])).toEqual([
      [OFFER_B, 1],
      [OFFER_A, 3],
    ]);
    expect(announced[1]!.indexedAt).toBe(firstIndexedAt);
    expect(announced[0]!.indexedAt).not.toBe(firstIndexedAt);
  });

  it('returns rejected items with INDEX_REJECTED, and neither records nor announces them', async () => {
    const { sut, index, state, publisher } = makeSut();
    index.respond = (ops) =>
      ops.map((op) =>
        op.offerId === OFFER_B
          ? { status: 'rejected', reason: '400 mapper_parsing_exception failed to parse' }
          : { status: 'applied' },
      );
    const rejectedEvent = changed({ offerId: OFFER_B, version: 7 });

    const outcome = await sut.execute([changed({ offerId: OFFER_A, version: 3 }), rejectedEvent]);

    expect(outcome.rejected).toEqual([
      {
        event: rejectedEvent,
        code: 'INDEX_REJECTED',
        reason: '400 mapper_parsing_exception failed to parse',
      },
    ]);
    expect(state.recorded[0]!.map((v) => v.offerId)).toEqual([OFFER_A]);
    expect(published(publisher).map((v) => v.offerId)).toEqual([OFFER_A]);
  });

  it('announces offer-indexed events that satisfy their contract and carry the correlation id of their source event', async () => {
    const { sut, publisher } = makeSut();

    await sut.execute([
      changed({ offerId: OFFER_A, version: 3 }, 'req-from-recruiter-1'),
      changed({ ...deleted, offerId: OFFER_B, version: 2 }, 'req-from-recruiter-2'),
    ]);

    expect(publisher.published).toHaveLength(2);
    const [first, second] = publisher.published as [OutgoingEvent, OutgoingEvent];
    for (const event of publisher.published) {
      expect(event.topic).toBe('offers.offer.indexed.v2');
      expect(offerIndexedV2.value.safeParse(JSON.parse(event.value)).success).toBe(true);
      expect(headersToEnvelope(event.headers).success).toBe(true);
    }
    expect(first.key).toBe(OFFER_A);
    expect(first.headers.ce_correlationid).toBe('req-from-recruiter-1');
    expect(first.headers.ce_source).toBe('vigie/offer-indexer');
    expect(second.headers.ce_correlationid).toBe('req-from-recruiter-2');
    expect(JSON.parse(second.value)).toMatchObject({ status: 'deleted', offer: null });
  });

  it('announces the snapshot it indexed, as the golden offer-indexed fixture shows', async () => {
    const { sut, publisher } = makeSut();
    const fixture = goldenFixture<OfferIndexedV2>('offers.offer.indexed.v2', 'active');

    await sut.execute([changed({ offerId: fixture.offerId, version: fixture.version })]);

    expect(JSON.parse(publisher.published[0]!.value)).toEqual({ ...fixture, indexedAt: expect.any(String) });
  });

  it('stamps the document and the announcement with one indexing time', async () => {
    const { sut, index, publisher } = makeSut();

    await sut.execute([changed({ offerId: OFFER_A, version: 3 })]);

    const op = index.writes[0]![0]!;
    expect(op.kind === 'upsert' && op.document.indexedAt).toBe(published(publisher)[0]!.indexedAt);
  });

  describe('with items the engine asks to retry', () => {
    beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] }));
    afterEach(() => jest.useRealTimers());

    it('re-sends only those items, then records and announces everything', async () => {
      const { sut, index, publisher } = makeSut();
      index.respond = (ops, call) =>
        ops.map((op) =>
          call === 1 && op.offerId === OFFER_B
            ? { status: 'retry', reason: '429 es_rejected_execution_exception' }
            : { status: 'applied' },
        );

      const outcome = await drive(
        sut.execute([
          changed({ offerId: OFFER_A, version: 3 }),
          changed({ offerId: OFFER_B, version: 1 }),
          changed({ offerId: OFFER_C, version: 2 }),
        ]),
      );

      expect(index.writes.map((ops) => ops.map((op) => op.offerId))).toEqual([
        [OFFER_A, OFFER_B, OFFER_C],
        [OFFER_B],
      ]);
      expect(outcome.rejected).toEqual([]);
      expect(published(publisher).map((v) => v.offerId)).toEqual([OFFER_A, OFFER_B, OFFER_C]);
    });

    it('maps the retried answers back to the right items', async () => {
      const { sut, index, publisher } = makeSut();
      index.respond = (ops, call) =>
        call === 1
          ? [{ status: 'retry', reason: '503' }, { status: 'applied' }, { status: 'retry', reason: '503' }]
          : ops.map((op) =>
              op.offerId === OFFER_C
                ? { status: 'rejected', reason: '400 mapper_parsing_exception' }
                : { status: 'applied' },
            );
      const c = changed({ offerId: OFFER_C, version: 2 });

      const outcome = await drive(
        sut.execute([
          changed({ offerId: OFFER_A, version: 3 }),
          changed({ offerId: OFFER_B, version: 1 }),
          c,
        ]),
      );

      expect(index.writes[1]!.map((op) => op.offerId)).toEqual([OFFER_A, OFFER_C]);
      expect(outcome.rejected.map((r) => r.event)).toEqual([c]);
      expect(published(publisher).map((v) => v.offerId)).toEqual([OFFER_A, OFFER_B]);
    });

    it('gives up with a TransientError when the engine keeps refusing, without recording or announcing anything', async () => {
      const { sut, index, state, publisher } = makeSut();
      index.respond = (ops) =>
        ops.map((op) =>
          op.offerId === OFFER_B
            ? { status: 'retry', reason: '429 too many requests' }
            : { status: 'applied' },
        );

      const run = drive(
        sut.execute([changed({ offerId: OFFER_A, version: 3 }), changed({ offerId: OFFER_B, version: 1 })]),
      );

      await expect(run).rejects.toThrow(TransientError);
      await expect(run).rejects.toThrow(/kept refusing 1 item\(s\): 429 too many requests/);
      expect(index.writes).toHaveLength(5);
      expect(index.writes.slice(1).every((ops) => ops.length === 1 && ops[0]!.offerId === OFFER_B)).toBe(
        true,
      );
      expect(state.recorded).toEqual([]);
      expect(publisher.published).toEqual([]);
    });
  });
});
