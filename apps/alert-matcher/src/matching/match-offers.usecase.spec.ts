import { randomUUID } from 'node:crypto';
import {
  AlertChangedV1,
  envelopeToHeaders,
  matchCreatedV1,
  matchCreatedV2,
  MatchCreatedV2,
  MatchSealedFieldsSchema,
  OfferIndexedV2,
  SealedMatchCreatedV2,
  SealedMatchCreatedV2Schema,
  SearchCriteriaSchema,
} from '@vigie/contracts';
import { AesGcmSubjectCipher, SubjectCipher } from '@vigie/kernel';
import { Transaction } from '@vigie/database';
import { ConsumedEvent } from '@vigie/messaging';
import { goldenFixture, InMemorySubjectKeyStore } from '@vigie/testing/unit';
import { ScanAlertEngine } from '../engine';
import { FakePlaceDirectory, FakeUnitOfWork, RecordingOutbox } from '../testing/alert-fakes';
import { AlertBook } from './alert-book';
import { MatchOffersUseCase } from './match-offers.usecase';
import { MatchRepository, NewMatch, StoredMatch } from './match.repository';
import { shardOf } from './shards';

const indexed = goldenFixture<OfferIndexedV2>('offers.offer.indexed.v2', 'active');
const SHARDS = 2;

function event(
  value: Partial<OfferIndexedV2> = {},
  offer: Partial<NonNullable<OfferIndexedV2['offer']>> = {},
) {
  const full: OfferIndexedV2 = { ...indexed, offerId: randomUUID(), ...value };
  if (full.offer) full.offer = { ...full.offer, ...offer };
  const envelope = {
    eventId: randomUUID(),
    eventType: 'offers.offer.indexed',
    schemaVersion: 2,
    occurredAt: full.indexedAt,
    correlationId: 'req-offer-1',
    producer: 'vigie/offer-indexer',
  };
  const consumed: ConsumedEvent<OfferIndexedV2> = {
    topic: 'offers.offer.indexed.v2',
    partition: 0,
    offset: '0',
    key: full.offerId,
    value: full,
    envelope,
    headers: envelopeToHeaders(envelope),
    rawValue: null,
  };
  return consumed;
}

/** An active alert on « TypeScript » anywhere (the golden offer fits it). */
function alertState(overrides: Partial<AlertChangedV1> = {}): AlertChangedV1 {
  return {
    alertId: randomUUID(),
    candidateId: `cand-${randomUUID().slice(0, 8)}`,
    version: 1,
    status: 'active',
    criteria: SearchCriteriaSchema.parse({ q: 'TypeScript' }),
    frequency: 'instant',
    schedule: { timeZone: 'Europe/Paris', hour: 8, weekday: 1 },
    snoozedUntil: null,
    contact: { email: 'camille.martin@example.org' },
    createdAt: '2026-11-01T00:00:00.000Z',
    changedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

/** Like the Postgres adapter: one match per (alert, offer) and per (alert, cluster), first wins. */
class InMemoryMatches extends MatchRepository {
  readonly keys = new Set<string>();
  readonly stored: NewMatch[] = [];
  async insertNew(_tx: Transaction, matches: readonly NewMatch[]): Promise<StoredMatch[]> {
    const created: StoredMatch[] = [];
    for (const m of matches) {
      const keys = [`o/${m.alertId}/${m.offerId}`, ...(m.clusterId ? [`c/${m.alertId}/${m.clusterId}`] : [])];
      if (keys.some((k) => this.keys.has(k))) continue;
      keys.forEach((k) => this.keys.add(k));
      this.stored.push(m);
      created.push({
        matchId: randomUUID(),
        alertId: m.alertId,
        offerId: m.offerId,
        matchedAt: new Date('2026-11-28T09:15:02Z'),
      });
    }
    return created;
  }
  withdraw(): never {
    throw new Error('not used');
  }
}

function newTestService(emitV1 = false) {
  const mocks = {
    book: new AlertBook(SHARDS, [0, 1], () => new ScanAlertEngine(), new FakePlaceDirectory()),
    matches: new InMemoryMatches(),
    outbox: new RecordingOutbox(),
    unitOfWork: new FakeUnitOfWork(),
  };
  const cipher = new AesGcmSubjectCipher(new InMemorySubjectKeyStore());
  const sut = new MatchOffersUseCase(
    mocks.unitOfWork,
    mocks.book,
    mocks.matches,
    mocks.outbox,
    emitV1,
    cipher,
  );
  return { sut, mocks, cipher };
}

const v2 = (outbox: RecordingOutbox) =>
  outbox.events
    .filter((e) => e.topic === matchCreatedV2.topic)
    .map((e) => SealedMatchCreatedV2Schema.parse(JSON.parse(e.value)));

/** The sealed fields opened as delivery opens them: by the envelope's key id alone. */
const opened = async (cipher: SubjectCipher, sealed: SealedMatchCreatedV2): Promise<MatchCreatedV2> => {
  const { plaintext } = await cipher.open(sealed.sealed);
  const { sealed: _, ...rest } = sealed;
  return { ...rest, ...MatchSealedFieldsSchema.parse(JSON.parse(plaintext)) };
};

describe('MatchOffersUseCase', () => {
  it('records each match of the shard with a v2 event, the candidate and explanation sealed, keyed by their key’s id', async () => {
    const { sut, mocks, cipher } = newTestService();
    const alert = alertState();
    mocks.book.apply(alert);
    const e = event();

    await sut.execute(shardOf(alert.alertId, SHARDS), [e]);

    const [sealed] = v2(mocks.outbox);
    expect(mocks.outbox.events.map((x) => [x.topic, x.key])).toEqual([
      [matchCreatedV2.topic, sealed!.sealed.kid],
    ]);
    expect(mocks.outbox.events[0]!.value).not.toContain(alert.candidateId);
    expect(JSON.parse(mocks.outbox.events[0]!.value)).not.toHaveProperty('explanation');
    const value = await opened(cipher, sealed!);
    expect(value).toMatchObject({
      alertId: alert.alertId,
      candidateId: alert.candidateId,
      offerId: e.value.offerId,
      offerVersion: e.value.version,
      frequency: 'instant',
      explanation: { terms: [{ term: 'TypeScript' }] },
    });
    expect(mocks.outbox.events[0]!.headers.ce_correlationid).toBe('req-offer-1');
  });

  it('matches only the alerts of the shard it is given', async () => {
    const { sut, mocks } = newTestService();
    const alert = alertState();
    mocks.book.apply(alert);

    await sut.execute(1 - shardOf(alert.alertId, SHARDS), [event()]);

    expect(mocks.outbox.events).toEqual([]);
  });

  it('analyses an offer once for all the shards that receive the same decoded event', async () => {
    const { sut, mocks } = newTestService();
    const match = jest.spyOn(mocks.book, 'match');
    const e = event();

    await sut.execute(0, [e]);
    await sut.execute(1, [e]);
    await sut.execute(0, [event()]);

    const [first, second, other] = match.mock.calls.map(([, prepared]) => prepared);
    expect(second).toBe(first);
    expect(other).not.toBe(first);
    expect(first!.offer.id).toBe(e.value.offerId);
  });

  it('publishes instant matches on v1 only (with the address) and digests on v2 only, while delivery sends instant alerts from v1', async () => {
    const { sut, mocks } = newTestService(true);
    const instant = alertState();
    const daily = alertState({ frequency: 'daily' });
    mocks.book.apply(instant);
    mocks.book.apply(daily);

    for (const shard of [0, 1]) await sut.execute(shard, [event()]);

    const v1 = mocks.outbox.events.filter((e) => e.topic === matchCreatedV1.topic);
    expect(v1.map((e) => matchCreatedV1.value.parse(JSON.parse(e.value)).alertId)).toEqual([instant.alertId]);
    expect(matchCreatedV1.value.parse(JSON.parse(v1[0]!.value))).toMatchObject({
      recipient: { email: 'camille.martin@example.org' },
      explanation: { matchedKeywords: ['TypeScript'] },
    });
    expect(
      v2(mocks.outbox)
        .map((m) => m.alertId)
        .sort(),
    ).toEqual([daily.alertId]);
  });

  it('matches copies of one job once per alert, in one batch and across batches, and a redelivery never', async () => {
    const { sut, mocks } = newTestService();
    const alert = alertState();
    mocks.book.apply(alert);
    const shard = shardOf(alert.alertId, SHARDS);
    const first = event({}, { clusterId: 'cluster-soudeur-1' });

    await sut.execute(shard, [first, event({}, { clusterId: 'cluster-soudeur-1' })]);
    await sut.execute(shard, [event({}, { clusterId: 'cluster-soudeur-1' }), first]);
    await sut.execute(shard, [event({}, { clusterId: 'cluster-other' })]);

    expect(v2(mocks.outbox).map((m) => m.clusterId)).toEqual(['cluster-soudeur-1', 'cluster-other']);
  });

  it('skips offers that are not active, past their validity when indexed, or older than the alert', async () => {
    const { sut, mocks } = newTestService();
    const old = alertState();
    const recent = alertState({ createdAt: '2026-11-28T10:00:00.000Z' });
    mocks.book.apply(old);
    mocks.book.apply(recent);

    for (const shard of [0, 1]) {
      await sut.execute(shard, [
        event({ status: 'expired', offer: null }),
        event({}, { validThrough: '2026-11-28T09:15:01.199Z' }),
      ]);
    }
    expect(mocks.outbox.events).toEqual([]);

    for (const shard of [0, 1]) await sut.execute(shard, [event()]);
    expect(v2(mocks.outbox).map((m) => m.alertId)).toEqual([old.alertId]);
  });
});
