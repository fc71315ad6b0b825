import {
  ContractType,
  envelopeToHeaders,
  matchCreatedV1,
  MatchCreatedV1,
  OfferIndexedV2,
  SearchCriteria,
  SearchCriteriaSchema,
} from '@vigie/contracts';
import { Transaction, UnitOfWork } from '@vigie/database';
import { ConsumedEvent, Inbox, OutboxWriter, OutgoingEvent } from '@vigie/messaging';
import { goldenFixture } from '@vigie/testing/unit';
import { EntityManager } from 'typeorm';
import type { Commune, GeoPoint } from '@vigie/geo';
import { Alert, DEFAULT_SCHEDULE } from '../alerts/alert';
import { AlertRepository, CandidateQuery } from '../alerts/alert.repository';
import { PlaceDirectory } from '../alerts/place-directory.port';
import { tokenize } from './keywords';
import { MatchOffersUseCase } from './match-offers.usecase';
import { MatchRepository, NewMatch, StoredMatch } from './match.repository';

const indexed = goldenFixture<OfferIndexedV2>('offers.offer.indexed.v2', 'active');
const OFFER_A = indexed.offerId;
const OFFER_B = '7a2d3c8f-4e5b-4d2f-8c3a-9b8e6f5d4c32';
const LYON = { latitude: 45.764, longitude: 4.8357 };
const PARIS = { latitude: 48.8566, longitude: 2.3522 };
const notUsed = (): Promise<never> => Promise.reject(new Error('not used'));

let sequence = 0;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function event(
  value: Partial<OfferIndexedV2> = {},
  correlationId = 'req-offer-1',
): ConsumedEvent<OfferIndexedV2> {
  const full: OfferIndexedV2 = { ...indexed, ...value };
  const envelope = {
    eventId: uuid(1_000 + ++sequence),
    eventType: 'offers.offer.indexed',
    schemaVersion: 2,
    occurredAt: full.indexedAt,
    correlationId,
    producer: 'vigie/offer-indexer',
  };
  return {
    topic: 'offers.offer.indexed.v2',
    partition: 0,
    offset: String(sequence),
    key: full.offerId,
    value: full,
    envelope,
    headers: envelopeToHeaders(envelope),
    rawValue: null,
  };
}

interface AlertSpec {
  keywords?: string[];
  contractTypes?: ContractType[];
  where?: SearchCriteria['where'];
  createdAt?: Date;
}

function alert(id: number, spec: AlertSpec = {}): Alert {
  const createdAt = spec.createdAt ?? new Date('2026-11-01T00:00:00Z');
  return {
    id: uuid(id),
    candidateId: `cand-${id}`,
    email: `candidate-${id}@example.org`,
    criteria: SearchCriteriaSchema.parse({
      q: (spec.keywords ?? ['TypeScript']).join(' '),
      where: spec.where ?? null,
      contractTypes: spec.contractTypes ?? [],
    }),
    frequency: 'instant',
    schedule: DEFAULT_SCHEDULE,
    status: 'active',
    snoozedUntil: null,
    version: 1,
    createdAt,
    changedAt: createdAt,
  };
}

const commune = (code: string, name: string, geo: GeoPoint): Commune =>
  ({ code, name, geo, departmentCode: code.slice(0, 2), regionCode: '84' }) as Commune;
const PLACES: PlaceDirectory = {
  commune: (code) =>
    code === '69123'
      ? commune('69123', 'Lyon', LYON)
      : code === '75056'
        ? commune('75056', 'Paris', PARIS)
        : null,
  department: () => null,
  region: () => null,
  findCommunes: () => [],
  nearestCommune: () => null,
};

/** Alerts in memory, queried like the Postgres adapter: every keyword token in the offer, a fitting contract, created before. */
class FakeAlertRepository extends AlertRepository {
  readonly queries: Array<{ tokens: string[]; contractType: string; notAfter: Date }> = [];
  constructor(readonly alerts: Alert[]) {
    super();
  }
  async findCandidates(_tx: Transaction, queries: readonly CandidateQuery[]): Promise<Alert[][]> {
    this.queries.push(...queries);
    return queries.map((q) =>
      this.alerts.filter(
        (a) =>
          a.status === 'active' &&
          tokenize(a.criteria.q ?? '').every((t) => q.tokens.includes(t)) &&
          (a.criteria.contractTypes.length === 0 ||
            (a.criteria.contractTypes as string[]).includes(q.contractType)) &&
          a.createdAt <= q.notAfter,
      ),
    );
  }
  insert = notUsed;
  lock = notUsed;
  save = notUsed;
  countLiveForAddress = notUsed;
  lockForCandidate = notUsed;
  find = notUsed;
  listForCandidate = notUsed;
}

/** Matches in memory: at most one per (alert, offer); like INSERT … ON CONFLICT DO NOTHING, the first row wins. */
class FakeMatchRepository extends MatchRepository {
  readonly stored = new Map<string, StoredMatch>();
  readonly storedVersion = new Map<string, number>();
  readonly inserted: NewMatch[][] = [];
  async insertNew(_tx: Transaction, matches: readonly NewMatch[]): Promise<StoredMatch[]> {
    this.inserted.push([...matches]);
    const created: StoredMatch[] = [];
    for (const m of matches) {
      const key = `${m.alertId}/${m.offerId}`;
      if (this.stored.has(key)) continue;
      const row = {
        matchId: uuid(5_000 + this.stored.size),
        alertId: m.alertId,
        offerId: m.offerId,
        matchedAt: new Date('2026-11-28T09:15:01.900Z'),
      };
      this.stored.set(key, row);
      this.storedVersion.set(key, m.offerVersion);
      created.push(row);
    }
    return created;
  }
}

function makeSut(alerts: Alert[], alreadyProcessed: string[] = []) {
  const manager = { marker: 'tx' } as unknown as EntityManager;
  const unitOfWork = { run: jest.fn(async <T>(work: (tx: Transaction) => Promise<T>) => work({ manager })) };
  const processed = new Set(alreadyProcessed);
  const inbox = {
    claim: jest.fn(async (_m: EntityManager, ids: readonly string[]) => {
      const fresh = new Set(ids.filter((id) => !processed.has(id)));
      for (const id of fresh) processed.add(id);
      return fresh;
    }),
  };
  const appended: OutgoingEvent[] = [];
  const outbox = {
    append: jest.fn(
      async (_m: EntityManager, events: readonly OutgoingEvent[]) => void appended.push(...events),
    ),
  };
  const alertRepo = new FakeAlertRepository(alerts);
  const matches = new FakeMatchRepository();
  const sut = new MatchOffersUseCase(
    unitOfWork as unknown as UnitOfWork,
    inbox as unknown as Inbox,
    alertRepo,
    matches,
    outbox as unknown as OutboxWriter,
    PLACES,
  );
  return { sut, unitOfWork, inbox, outbox, appended, alertRepo, matches, manager };
}

const values = (events: OutgoingEvent[]) => events.map((e) => JSON.parse(e.value) as MatchCreatedV1);

describe('MatchOffersUseCase', () => {
  it('records a match and appends one match-created event per matching alert, in one transaction', async () => {
    const { sut, unitOfWork, inbox, appended, matches } = makeSut([
      alert(1),
      alert(2, { keywords: ['NestJS', 'Node.js'] }),
      alert(3, { keywords: ['Kotlin'] }),
    ]);
    const e = event();

    const outcome = await sut.execute([e]);

    expect(outcome).toEqual({ rejected: [] });
    expect(unitOfWork.run).toHaveBeenCalledTimes(1);
    expect(inbox.claim).toHaveBeenCalledWith(expect.anything(), [e.envelope.eventId]);
    expect(matches.inserted[0]!.map((m) => m.alertId)).toEqual([uuid(1), uuid(2)]);
    expect(values(appended).map((v) => v.alertId)).toEqual([uuid(1), uuid(2)]);
  });

  it('builds match events that satisfy their contract and carry the correlation id of the offer event', async () => {
    const { sut, appended, matches } = makeSut([
      alert(1, {
        contractTypes: ['cdi'],
        where: { kind: 'commune', communeCode: '69123', radiusKm: 20 },
      }),
    ]);

    await sut.execute([event({}, 'req-recruiter-upload-9')]);

    expect(appended).toHaveLength(1);
    const sent = appended[0]!;
    expect(sent.topic).toBe('alerts.match.created.v1');
    expect(sent.key).toBe(uuid(1));
    expect(sent.headers.ce_correlationid).toBe('req-recruiter-upload-9');
    expect(sent.headers.ce_source).toBe('vigie/alert-matcher');
    const value = JSON.parse(sent.value) as MatchCreatedV1;
    expect(matchCreatedV1.value.safeParse(value).success).toBe(true);
    const stored = [...matches.stored.values()][0]!;
    expect(value).toEqual({
      matchId: stored.matchId,
      alertId: uuid(1),
      candidateId: 'cand-1',
      offerId: OFFER_A,
      offerVersion: indexed.version,
      frequency: 'instant',
      matchedAt: '2026-11-28T09:15:01.900Z',
      recipient: { email: 'candidate-1@example.org' },
      offer: {
        title: indexed.offer!.title,
        companyName: indexed.offer!.companyName,
        city: 'Lyon 3e Arrondissement',
        contractType: 'cdi',
        applyUrl: indexed.offer!.applyUrl,
      },
      explanation: {
        matchedKeywords: ['TypeScript'],
        contractType: 'cdi',
        distanceKm: 0.7,
        radiusKm: 20,
        placeLabel: 'Lyon',
      },
    });
  });

  it('names the city of the match by its commune, else by the place as written, else not at all', async () => {
    const { sut, appended } = makeSut([alert(1)]);
    const place = indexed.offer!.place!;
    const OFFER_C = '8b3e4d9a-5f6c-4e3a-9d4b-ac9f7a6e5d43';

    await sut.execute([
      event(),
      event({ offerId: OFFER_B, offer: { ...indexed.offer!, place: { ...place, commune: null } } }),
      event({ offerId: OFFER_C, offer: { ...indexed.offer!, place: null } }),
    ]);

    expect(values(appended).map((v) => [v.offerId, v.offer.city])).toEqual([
      [OFFER_A, 'Lyon 3e Arrondissement'],
      [OFFER_B, '69 - LYON 03'],
      [OFFER_C, null],
    ]);
  });

  it('gives a professionalisation contract to the match event as such', async () => {
    const { sut, appended } = makeSut([alert(1, { contractTypes: ['professionalisation'] })]);
    const offer = { ...indexed.offer!, contract: { type: 'professionalisation' as const, source: 'CPRO' } };

    await sut.execute([event({ offer })]);

    const value = values(appended)[0]!;
    expect(matchCreatedV1.value.safeParse(value).success).toBe(true);
    expect([value.offer.contractType, value.explanation.contractType]).toEqual([
      'professionalisation',
      'professionalisation',
    ]);
  });

  it('gives each event of a batch its own correlation id', async () => {
    const { sut, appended } = makeSut([alert(1)]);

    await sut.execute([event({}, 'req-a'), event({ offerId: OFFER_B }, 'req-b')]);

    expect(
      appended.map((e) => [(JSON.parse(e.value) as MatchCreatedV1).offerId, e.headers.ce_correlationid]),
    ).toEqual([
      [OFFER_A, 'req-a'],
      [OFFER_B, 'req-b'],
    ]);
  });

  it('skips events already in the inbox (a redelivery changes nothing)', async () => {
    const e = event();
    const { sut, alertRepo, appended, matches } = makeSut([alert(1)], [e.envelope.eventId]);

    await sut.execute([e]);

    expect(alertRepo.queries).toEqual([]);
    expect(matches.stored.size).toBe(0);
    expect(appended).toEqual([]);
  });

  it('handles a redelivered batch only once', async () => {
    const { sut, appended } = makeSut([alert(1)]);
    const e = event();

    await sut.execute([e]);
    await sut.execute([e]);

    expect(appended).toHaveLength(1);
  });

  it('appends an event only for matches that did not exist yet', async () => {
    const { sut, appended, matches } = makeSut([alert(1), alert(2)]);
    matches.stored.set(`${uuid(1)}/${OFFER_A}`, {
      matchId: uuid(9_999),
      alertId: uuid(1),
      offerId: OFFER_A,
      matchedAt: new Date(),
    });

    await sut.execute([event({ version: 4 })]);

    expect(values(appended).map((v) => v.alertId)).toEqual([uuid(2)]);
  });

  it('ignores deleted offers', async () => {
    const { sut, alertRepo, appended } = makeSut([alert(1)]);

    await sut.execute([event({ status: 'deleted', offer: null, version: 4 })]);

    expect(alertRepo.queries).toEqual([]);
    expect(appended).toEqual([]);
  });

  it('ignores expired offers', async () => {
    const { sut, alertRepo, appended } = makeSut([alert(1)]);

    await sut.execute([event({ status: 'expired', offer: null, version: 4 })]);

    expect(alertRepo.queries).toEqual([]);
    expect(appended).toEqual([]);
  });

  it('ignores offers whose validity ended before they were indexed', async () => {
    const { sut, alertRepo, appended } = makeSut([alert(1)]);

    await sut.execute([event({ offer: { ...indexed.offer!, validThrough: '2026-11-28T09:15:01.199Z' } })]);

    expect(alertRepo.queries).toEqual([]);
    expect(appended).toEqual([]);
  });

  it('matches offers still valid when indexed, and offers without an end of validity', async () => {
    const { sut, appended } = makeSut([alert(1)]);

    await sut.execute([
      event({ offer: { ...indexed.offer!, validThrough: '2026-11-28T09:15:01.200Z' } }),
      event({ offerId: OFFER_B, offer: { ...indexed.offer!, validThrough: null } }),
    ]);

    expect(values(appended).map((v) => v.offerId)).toEqual([OFFER_A, OFFER_B]);
  });

  it('asks for alerts with the offer tokens, its contract type, and created before it was indexed', async () => {
    const { sut, alertRepo } = makeSut([alert(1)]);

    await sut.execute([event()]);

    expect(alertRepo.queries).toHaveLength(1);
    const query = alertRepo.queries[0]!;
    expect(query.contractType).toBe('cdi');
    expect(query.notAfter).toEqual(new Date(indexed.indexedAt));
    expect(query.tokens).toEqual(
      expect.arrayContaining(['developpeur', 'typescript', 'nestj', 'atelier', 'numerique', 'lyonnai']),
    );
  });

  it('does not match alerts created after the offer was indexed', async () => {
    const { sut, appended } = makeSut([alert(1, { createdAt: new Date('2026-11-28T10:00:00Z') })]);

    await sut.execute([event()]);

    expect(appended).toEqual([]);
  });

  it('drops candidates that the finer explanation rules out (outside the radius)', async () => {
    const { sut, appended, matches } = makeSut([
      alert(1, { where: { kind: 'commune', communeCode: '75056', radiusKm: 30 } }),
    ]);

    await sut.execute([event()]);

    expect(matches.inserted[0]).toEqual([]);
    expect(appended).toEqual([]);
  });

  it('describes in its event the match it stored when one batch carries two versions of an offer', async () => {
    const { sut, appended, matches } = makeSut([alert(1)]);

    await sut.execute([
      event({ version: 3 }),
      event({ version: 4, offer: { ...indexed.offer!, title: 'Développeur TypeScript senior' } }),
    ]);

    expect(appended).toHaveLength(1);
    const value = values(appended)[0]!;
    expect(value.offerVersion).toBe(matches.storedVersion.get(`${uuid(1)}/${OFFER_A}`));
  });
});
