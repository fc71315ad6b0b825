import { offerChangedV2 } from '@vigie/contracts';
import { TypeOrmUnitOfWork } from '@vigie/database';
import { FakeClock } from '@vigie/kernel';
import { OutboxWriter } from '@vigie/messaging';
import { offerInput, openTestDatabase, TestDatabase } from '@vigie/testing';
import { OFFER_INGESTION_MIGRATIONS } from '../migrations/offer-ingestion-migrations';
import { PgClusterIndex } from '../quality/clustering/pg-cluster-index';
import { OfferQualityService } from '../quality/offer-quality.service';
import { issueApiKey } from '../recruiters/api-key';
import { PgAccessAudit } from '../recruiters/pg-access-audit';
import { PgRecruiterRepository } from '../recruiters/pg-recruiter.repository';
import { DeleteOfferUseCase } from './delete-offer.usecase';
import { ExpireOfferUseCase } from './expire-offer.usecase';
import { PgOfferRepository } from './pg-offer.repository';
import { PublishOffersUseCase } from './publish-offers.usecase';
import { PutOfferUseCase } from './put-offer.usecase';

/** PUT / expire / delete of one offer on real Postgres: the rows, the outbox and the audit. */
describe('single-offer use cases on Postgres', () => {
  const clock = new FakeClock('2026-12-01T08:00:00.000Z');
  let db: TestDatabase;
  let put: PutOfferUseCase;
  let expire: ExpireOfferUseCase;
  let remove: DeleteOfferUseCase;

  const newRecruiter = async (name: string) =>
    (await new PgRecruiterRepository(db.dataSource).create(name, issueApiKey())).id;
  const row = async (offerId: string) =>
    (
      await db.dataSource.query<Array<{ status: string; version: number; title: string | null }>>(
        `SELECT status, version, content->>'title' AS title FROM offers WHERE id = $1`,
        [offerId],
      )
    )[0];
  /** The offer events in the outbox for one offer, decoded with the topic's schema, in order. */
  const events = async (offerId: string) =>
    (
      await db.dataSource.query<Array<{ value: string }>>(
        `SELECT value FROM outbox WHERE message_key = $1 ORDER BY id`,
        [offerId],
      )
    ).map((r) => offerChangedV2.value.parse(JSON.parse(r.value)));
  const denied = async (recruiterId: string, action: string) =>
    Number(
      (
        await db.dataSource.query<Array<{ n: string }>>(
          `SELECT count(*) AS n FROM access_audit WHERE recruiter_id = $1 AND action = $2`,
          [recruiterId, action],
        )
      )[0]!.n,
    );

  beforeAll(async () => {
    db = await openTestDatabase('single-offer', OFFER_INGESTION_MIGRATIONS);
    const unitOfWork = new TypeOrmUnitOfWork(db.dataSource);
    const offers = new PgOfferRepository(db.dataSource);
    const outbox = new OutboxWriter(db.schema);
    const audit = new PgAccessAudit(db.dataSource, clock);
    put = new PutOfferUseCase(
      new PublishOffersUseCase(
        unitOfWork,
        offers,
        outbox,
        new OfferQualityService(new PgClusterIndex(db.dataSource)),
      ),
    );
    expire = new ExpireOfferUseCase(unitOfWork, offers, outbox, audit, clock);
    remove = new DeleteOfferUseCase(unitOfWork, offers, outbox, audit);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('creates, leaves unchanged, then updates one offer by reference, announcing each change once', async () => {
    const recruiterId = await newRecruiter('Boulangerie Martin');
    const { externalRef: _ref, ...body } = offerInput({ title: 'Boulanger (H/F)' });

    const created = await put.execute(recruiterId, 'PUT-1', body);
    const same = await put.execute(recruiterId, 'PUT-1', body);
    const updated = await put.execute(recruiterId, 'PUT-1', { ...body, title: 'Boulanger confirmé (H/F)' });

    expect([created.outcome, same.outcome, updated.outcome]).toEqual(['created', 'unchanged', 'updated']);
    expect(new Set([created.offerId, same.offerId, updated.offerId]).size).toBe(1);
    expect(await row(created.offerId)).toEqual({
      status: 'active',
      version: 2,
      title: 'Boulanger confirmé (H/F)',
    });
    expect((await events(created.offerId)).map((e) => [e.externalRef, e.version, e.status])).toEqual([
      ['PUT-1', 1, 'active'],
      ['PUT-1', 2, 'active'],
    ]);
  });

  it('stores nothing for an invalid body and names the field', async () => {
    const recruiterId = await newRecruiter('Garage Petit');

    await expect(
      put.execute(recruiterId, 'PUT-BAD', offerInput({ externalRef: undefined, title: '' })),
    ).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
      fields: [expect.objectContaining({ field: 'title' })],
    });
    const stored = await db.dataSource.query(`SELECT 1 FROM offers WHERE recruiter_id = $1`, [recruiterId]);
    expect(stored).toHaveLength(0);
  });

  it('expires an offer once with an event, then deletes it; a second expire or delete announces nothing', async () => {
    const recruiterId = await newRecruiter('Transports Leroy');
    const { offerId } = await put.execute(recruiterId, 'EXP-1', offerInput({ externalRef: undefined }));

    await expire.execute(recruiterId, offerId);
    await expire.execute(recruiterId, offerId);
    expect(await row(offerId)).toMatchObject({ status: 'expired', version: 2 });
    await remove.execute(recruiterId, offerId);
    await remove.execute(recruiterId, offerId);
    await expire.execute(recruiterId, offerId);

    expect(await row(offerId)).toMatchObject({ status: 'deleted', version: 3 });
    expect((await events(offerId)).map((e) => [e.version, e.status])).toEqual([
      [1, 'active'],
      [2, 'expired'],
      [3, 'deleted'],
    ]);
  });

  it('an expired offer sent again with new content is live again', async () => {
    const recruiterId = await newRecruiter('Hôtel du Port');
    const { externalRef: _ref, ...body } = offerInput({ title: 'Réceptionniste (H/F)' });
    const { offerId } = await put.execute(recruiterId, 'BACK-1', body);
    await expire.execute(recruiterId, offerId);

    const back = await put.execute(recruiterId, 'BACK-1', { ...body, title: 'Réceptionniste de nuit (H/F)' });

    expect(back).toMatchObject({ offerId, outcome: 'updated', version: 3 });
    expect(await row(offerId)).toMatchObject({ status: 'active', version: 3 });
  });

  it('A1: another recruiter cannot expire or delete the offer: 404, nothing changes, the attempts are audited', async () => {
    const owner = await newRecruiter('Cabinet Roux');
    const other = await newRecruiter('Cabinet Noir');
    const { offerId } = await put.execute(owner, 'OWN-1', offerInput({ externalRef: undefined }));

    await expect(expire.execute(other, offerId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(remove.execute(other, offerId)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(await row(offerId)).toMatchObject({ status: 'active', version: 1 });
    expect(await events(offerId)).toHaveLength(1);
    expect(await denied(other, 'offer.expire')).toBe(1);
    expect(await denied(other, 'offer.delete')).toBe(1);
  });

  it('the same reference under another recruiter is another offer', async () => {
    const a = await newRecruiter('Agence A');
    const b = await newRecruiter('Agence B');
    const body = offerInput({ externalRef: undefined });

    const first = await put.execute(a, 'SHARED-1', body);
    const second = await put.execute(b, 'SHARED-1', body);

    expect(second.offerId).not.toBe(first.offerId);
    expect(second.outcome).toBe('created');
  });
});
