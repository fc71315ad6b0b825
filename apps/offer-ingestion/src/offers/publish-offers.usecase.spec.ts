import { headersToEnvelope, offerChangedV2, OfferChangedV2 } from '@vigie/contracts';
import { Transaction, UnitOfWork } from '@vigie/database';
import { OutboxWriter, OutgoingEvent } from '@vigie/messaging';
import { EntityManager } from 'typeorm';
import { NormalizedOffer } from './normalized-offer';
import { OfferChange, OfferRepository, StoredOffer, UpsertResult } from './offer.repository';
import { InMemoryClusterIndex } from '../quality/clustering/in-memory-cluster-index';
import { OfferQualityService } from '../quality/offer-quality.service';
import { PublishOffersUseCase } from './publish-offers.usecase';

const RECRUITER = '0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b';
const CHANGED_AT = new Date('2026-11-28T09:15:00.000Z');

/** In-memory offers keyed by external reference, versioned like the Postgres adapter. */
class FakeOfferRepository extends OfferRepository {
  readonly rows = new Map<string, { offerId: string; version: number; hash: string }>();
  readonly upserts: Array<{ tx: Transaction; recruiterId: string; offers: readonly NormalizedOffer[] }> = [];
  private nextId = 1;

  async upsertMany(
    tx: Transaction,
    recruiterId: string,
    offers: readonly NormalizedOffer[],
  ): Promise<UpsertResult> {
    this.upserts.push({ tx, recruiterId, offers });
    const result: UpsertResult = { changed: [], unchanged: [] };
    for (const o of offers) {
      const row = this.rows.get(o.externalRef);
      if (row && row.hash === o.contentHash) {
        result.unchanged.push({ offerId: row.offerId, externalRef: o.externalRef, version: row.version });
        continue;
      }
      const next = row
        ? { ...row, version: row.version + 1, hash: o.contentHash }
        : {
            offerId: `00000000-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}`,
            version: 1,
            hash: o.contentHash,
          };
      this.rows.set(o.externalRef, next);
      const change: OfferChange = {
        offerId: next.offerId,
        externalRef: o.externalRef,
        version: next.version,
        status: 'active',
        content: o.content,
        publishedAt: new Date(o.publishedAt ?? '2026-11-27T08:00:00.000Z'),
        changedAt: CHANGED_AT,
        created: !row,
      };
      result.changed.push(change);
    }
    return result;
  }

  async findById(): Promise<StoredOffer | null> {
    return null;
  }

  async markDeleted(): Promise<{ change: OfferChange | null; found: boolean }> {
    return { change: null, found: false };
  }

  async markExpired(): Promise<{ change: OfferChange | null; found: boolean }> {
    return { change: null, found: false };
  }
}

function makeSut() {
  const manager = { marker: 'tx-manager' } as unknown as EntityManager;
  const unitOfWork = { run: jest.fn(async <T>(work: (tx: Transaction) => Promise<T>) => work({ manager })) };
  const appended: OutgoingEvent[][] = [];
  const outbox = {
    append: jest.fn(async (m: EntityManager, events: readonly OutgoingEvent[]) => {
      expect(m).toBe(manager);
      appended.push([...events]);
    }),
  };
  const offers = new FakeOfferRepository();
  const sut = new PublishOffersUseCase(
    unitOfWork as unknown as UnitOfWork,
    offers,
    outbox as unknown as OutboxWriter,
    new OfferQualityService(new InMemoryClusterIndex()),
  );
  return { sut, unitOfWork, outbox, appended, offers, manager };
}

const offer = (ref: string, overrides: Record<string, unknown> = {}) => ({
  externalRef: ref,
  title: `Offre ${ref}`,
  description: 'Description du poste.',
  contractType: 'cdi',
  ...overrides,
});

describe('PublishOffersUseCase', () => {
  it('rejects an invalid item with its field paths and stores the valid ones in one transaction', async () => {
    const { sut, unitOfWork, offers } = makeSut();

    const result = await sut.execute(RECRUITER, [offer('A'), offer('B', { title: '' }), offer('C')]);

    expect(result.rejected).toEqual([
      {
        index: 1,
        externalRef: 'B',
        code: 'INVALID',
        errors: [{ field: 'offers[1].title', reason: 'must not be empty' }],
      },
    ]);
    expect(result.accepted.map((a) => a.index)).toEqual([0, 2]);
    expect(unitOfWork.run).toHaveBeenCalledTimes(1);
    expect(offers.upserts).toHaveLength(1);
    expect(offers.upserts[0]!.recruiterId).toBe(RECRUITER);
    expect(offers.upserts[0]!.offers.map((o) => o.externalRef)).toEqual(['A', 'C']);
  });

  it('names nested fields of a rejected item with the item index', async () => {
    const { sut } = makeSut();

    const result = await sut.execute(RECRUITER, [
      offer('A'),
      offer('B'),
      offer('C'),
      offer('D', { location: { city: 'Lyon', postalCode: '690' } }),
    ]);

    expect(result.rejected).toEqual([
      {
        index: 3,
        externalRef: 'D',
        code: 'INVALID',
        errors: [{ field: 'offers[3].location.postalCode', reason: 'must be a 5-digit French postal code' }],
      },
    ]);
  });

  it('reports every error of an item, and a null externalRef when it has none to cite', async () => {
    const { sut } = makeSut();

    const result = await sut.execute(RECRUITER, [{ title: 'x', externalRef: 42 }, null, 'text']);

    expect(result.accepted).toEqual([]);
    expect(result.rejected.map((r) => [r.index, r.externalRef])).toEqual([
      [0, null],
      [1, null],
      [2, null],
    ]);
    expect(result.rejected[0]!.errors.map((e) => e.field).sort()).toEqual([
      'offers[0].contractType',
      'offers[0].description',
      'offers[0].externalRef',
    ]);
    expect(result.rejected[1]!.errors.map((e) => e.field)).toEqual(['offers[1]']);
  });

  it('rejects a duplicate external reference in a batch, citing the index of its first occurrence', async () => {
    const { sut, offers } = makeSut();

    const result = await sut.execute(RECRUITER, [
      offer('A', { title: 'First' }),
      offer('B'),
      offer('A', { title: 'Second' }),
    ]);

    expect(result.rejected).toEqual([
      {
        index: 2,
        externalRef: 'A',
        code: 'INVALID',
        errors: [{ field: 'offers[2].externalRef', reason: 'duplicates offers[0] in this batch' }],
      },
    ]);
    expect(offers.upserts[0]!.offers.find((o) => o.externalRef === 'A')?.content.title).toBe('First');
  });

  it('detects duplicates after cleaning the reference', async () => {
    const { sut } = makeSut();

    const result = await sut.execute(RECRUITER, [offer('REQ-1'), offer(' REQ-1\u200B ')]);

    expect(result.rejected.map((r) => r.errors[0]?.reason)).toEqual(['duplicates offers[0] in this batch']);
  });

  it('opens no transaction when every item is invalid', async () => {
    const { sut, unitOfWork, outbox } = makeSut();

    const result = await sut.execute(RECRUITER, [offer('A', { contractType: 'job' }), {}]);

    expect(result.accepted).toEqual([]);
    expect(result.rejected.map((r) => r.index)).toEqual([0, 1]);
    expect(unitOfWork.run).not.toHaveBeenCalled();
    expect(outbox.append).not.toHaveBeenCalled();
  });

  it('hands the offers to the repository sorted by reference, so concurrent batches lock in one order', async () => {
    const { sut, offers } = makeSut();

    await sut.execute(RECRUITER, [offer('C'), offer('A'), offer('B')]);

    expect(offers.upserts[0]!.offers.map((o) => o.externalRef)).toEqual(['A', 'B', 'C']);
  });

  it('reports created, updated and unchanged offers sorted by their index in the batch', async () => {
    const { sut, offers } = makeSut();
    await sut.execute(RECRUITER, [offer('A'), offer('B')]);
    const idA = offers.rows.get('A')!.offerId;
    const idB = offers.rows.get('B')!.offerId;

    const result = await sut.execute(RECRUITER, [
      offer('C'),
      offer('B'),
      offer('A', { title: 'Nouveau titre' }),
    ]);

    const withoutQuality = result.accepted.map(
      ({ clusterId: _c, moderation: _m, findings: _f, ...rest }) => rest,
    );
    expect({ ...result, accepted: withoutQuality }).toEqual({
      accepted: [
        {
          index: 0,
          externalRef: 'C',
          offerId: offers.rows.get('C')!.offerId,
          version: 1,
          outcome: 'created',
        },
        { index: 1, externalRef: 'B', offerId: idB, version: 1, outcome: 'unchanged' },
        { index: 2, externalRef: 'A', offerId: idA, version: 2, outcome: 'updated' },
      ],
      rejected: [],
    });
  });

  it('appends one offer-changed event per changed offer to the outbox, in the same transaction, and none for unchanged ones', async () => {
    const { sut, offers, appended } = makeSut();
    await sut.execute(RECRUITER, [offer('A'), offer('B')]);
    appended.length = 0;

    await sut.execute(RECRUITER, [offer('A'), offer('B', { remote: 'full' }), offer('C')]);

    expect(appended).toHaveLength(1);
    const events = appended[0]!;
    expect(events.map((e) => e.key).sort()).toEqual(
      [offers.rows.get('B')!.offerId, offers.rows.get('C')!.offerId].sort(),
    );
    for (const event of events) {
      expect(event.topic).toBe('offers.offer.changed.v2');
      expect(offerChangedV2.value.safeParse(JSON.parse(event.value)).success).toBe(true);
      expect(headersToEnvelope(event.headers).data?.producer).toBe('vigie/offer-ingestion');
    }
    const b = events.map((e) => JSON.parse(e.value) as OfferChangedV2).find((v) => v.externalRef === 'B')!;
    expect(b).toMatchObject({
      recruiterId: RECRUITER,
      version: 2,
      status: 'active',
      offer: { remote: 'full' },
    });
  });

  it('appends no event when a re-sent batch changes nothing', async () => {
    const { sut, appended } = makeSut();
    await sut.execute(RECRUITER, [offer('A')]);

    const result = await sut.execute(RECRUITER, [offer('A')]);

    expect(result.accepted[0]?.outcome).toBe('unchanged');
    expect(appended[1]).toEqual([]);
  });

  it('propagates a storage failure instead of reporting offers as accepted', async () => {
    const { sut, offers } = makeSut();
    jest.spyOn(offers, 'upsertMany').mockRejectedValue(new Error('connection terminated'));

    await expect(sut.execute(RECRUITER, [offer('A')])).rejects.toThrow('connection terminated');
  });

  describe('with screening and duplicate clusters', () => {
    const JOB =
      'Au sein de notre agence, vous assurez la tenue de la comptabilité générale, les déclarations de TVA ' +
      'et la préparation des clôtures mensuelles avec le cabinet d’expertise comptable.';
    const eventsOf = (appended: OutgoingEvent[][]) =>
      appended.flat().map((e) => offerChangedV2.value.parse(JSON.parse(e.value)));

    it('rejects a blocked offer with its findings and never stores it or emits its event', async () => {
      const { sut, offers, appended } = makeSut();

      const result = await sut.execute(RECRUITER, [
        offer('OK', { title: 'Comptable (H/F)', description: JOB }),
        offer('BAD', { title: 'Vendeuse', description: 'Recherche vendeuse 25-35 ans.' }),
      ]);

      expect(result.accepted.map((a) => a.externalRef)).toEqual(['OK']);
      expect(result.rejected).toEqual([
        expect.objectContaining({
          index: 1,
          externalRef: 'BAD',
          code: 'BLOCKED_BY_SCREENING',
          errors: expect.arrayContaining([
            { field: 'offers[1].description', reason: expect.stringMatching(/^R3 .*« 25-35 ans ».*L5331-2/) },
          ]),
          findings: expect.arrayContaining([expect.objectContaining({ ruleId: 'R1', severity: 'block' })]),
        }),
      ]);
      expect(offers.upserts.flatMap((u) => u.offers.map((o) => o.externalRef))).toEqual(['OK']);
      expect(eventsOf(appended).map((e) => e.externalRef)).toEqual(['OK']);
    });

    it('publishes a flagged offer with its rule ids, and hands its findings to storage', async () => {
      const { sut, offers, appended } = makeSut();

      const result = await sut.execute(RECRUITER, [
        offer('FLAG', { title: 'Conseiller de vente (H/F)', description: `${JOB} Bonne présentation.` }),
      ]);

      expect(result.accepted[0]).toMatchObject({ moderation: { status: 'flagged', ruleIds: ['R9'] } });
      expect(result.accepted[0]!.findings).toEqual([
        expect.objectContaining({ ruleId: 'R9', severity: 'flag' }),
      ]);
      expect(offers.upserts[0]!.offers[0]!.findings).toEqual(result.accepted[0]!.findings);
      expect(eventsOf(appended)[0]!.offer!.moderation).toEqual({ status: 'flagged', ruleIds: ['R9'] });
    });

    it('gives copies of one job one cluster id, carried in their events', async () => {
      const { sut, appended } = makeSut();
      const copy = { title: 'Comptable (H/F)', description: JOB, companyName: 'Durand Industrie' };

      await sut.execute(RECRUITER, [offer('FIRST', copy)]);
      const second = await sut.execute('5f3c2b1a-0e9d-4c8b-a7f6-e5d4c3b2a190', [
        offer('AGENCY-77', { title: copy.title, description: copy.description }),
      ]);

      expect(second.rejected).toEqual([]);

      const [firstEvent, secondEvent] = eventsOf(appended);
      expect(firstEvent!.offer!.clusterId).not.toBeNull();
      expect(secondEvent!.offer!.clusterId).toBe(firstEvent!.offer!.clusterId);
    });
  });
});
