import { TypeOrmUnitOfWork } from '@vigie/database';
import { openTestDatabase, TestDatabase } from '@vigie/testing';
import { OFFER_INGESTION_MIGRATIONS } from '../migrations/offer-ingestion-migrations';
import { issueApiKey } from '../recruiters/api-key';
import { PgRecruiterRepository } from '../recruiters/pg-recruiter.repository';
import { normalizeOffer } from './normalized-offer';
import { OfferInputSchema } from './offer-input.schema';
import { PgOfferRepository } from './pg-offer.repository';

const offer = (ref: string, title = 'Comptable unique (H/F)') =>
  normalizeOffer(
    OfferInputSchema.parse({
      externalRef: ref,
      title,
      description: 'Tenue de la comptabilité.',
      contractType: 'cdi',
    }),
  );

describe('PgOfferRepository on Postgres', () => {
  let db: TestDatabase;
  let sut: PgOfferRepository;
  let uow: TypeOrmUnitOfWork;
  let recruiterId: string;

  beforeAll(async () => {
    db = await openTestDatabase('offers-repo', OFFER_INGESTION_MIGRATIONS);
    sut = new PgOfferRepository(db.dataSource);
    uow = new TypeOrmUnitOfWork(db.dataSource);
    recruiterId = (await new PgRecruiterRepository(db.dataSource).create('Cabinet Durand', issueApiKey())).id;
  });

  afterAll(async () => {
    await db.drop();
  });

  it('creates, then leaves an identical offer unchanged, then versions a real change', async () => {
    const created = await uow.run((tx) => sut.upsertMany(tx, recruiterId, [offer('R-1')]));
    const same = await uow.run((tx) => sut.upsertMany(tx, recruiterId, [offer('R-1')]));
    const changed = await uow.run((tx) =>
      sut.upsertMany(tx, recruiterId, [offer('R-1', 'Comptable confirmé (H/F)')]),
    );

    expect(created.changed).toEqual([
      expect.objectContaining({ externalRef: 'R-1', version: 1, created: true, status: 'active' }),
    ]);
    expect(same.changed).toEqual([]);
    expect(same.unchanged).toEqual([
      { offerId: created.changed[0]!.offerId, externalRef: 'R-1', version: 1 },
    ]);
    expect(changed.changed).toEqual([
      expect.objectContaining({ offerId: created.changed[0]!.offerId, version: 2, created: false }),
    ]);
    expect(changed.changed[0]!.content?.title).toBe('Comptable confirmé (H/F)');
    // An edit keeps the publication date of the first publication.
    expect(changed.changed[0]!.publishedAt.toISOString()).toBe(created.changed[0]!.publishedAt.toISOString());
  });

  it('versions a deletion and a republication, and refuses another recruiter', async () => {
    const { changed } = await uow.run((tx) => sut.upsertMany(tx, recruiterId, [offer('R-2')]));
    const offerId = changed[0]!.offerId;
    const other = (await new PgRecruiterRepository(db.dataSource).create('Autre cabinet', issueApiKey())).id;

    expect(await uow.run((tx) => sut.markDeleted(tx, other, offerId))).toEqual({
      change: null,
      found: false,
    });
    const deleted = await uow.run((tx) => sut.markDeleted(tx, recruiterId, offerId));
    expect(deleted.change).toMatchObject({ version: 2, status: 'deleted', content: null });
    expect(await uow.run((tx) => sut.markDeleted(tx, recruiterId, offerId))).toEqual({
      change: null,
      found: true,
    });

    const back = await uow.run((tx) => sut.upsertMany(tx, recruiterId, [offer('R-2')]));
    expect(back.changed[0]).toMatchObject({ offerId, version: 3, status: 'active' });
    expect(await sut.findById(other, offerId)).toBeNull();
    expect(await sut.findById(recruiterId, offerId)).toMatchObject({ version: 3, status: 'active' });
  });

  it('serialises concurrent writers of one offer: versions 1..n, never two rows', async () => {
    const writers = Array.from({ length: 8 }, (_, i) =>
      uow.run((tx) => sut.upsertMany(tx, recruiterId, [offer('R-3', `Titre ${i}`)])),
    );
    const results = await Promise.all(writers);
    const versions = results.flatMap((r) => r.changed.map((c) => c.version)).sort((a, b) => a - b);
    expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const rows: unknown[] = await db.dataSource.query(`SELECT 1 FROM offers WHERE external_ref = 'R-3'`);
    expect(rows).toHaveLength(1);
  });
});
