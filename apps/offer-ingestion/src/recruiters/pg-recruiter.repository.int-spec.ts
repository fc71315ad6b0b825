import { openTestDatabase, TestDatabase } from '@vigie/testing';
import { OFFER_INGESTION_MIGRATIONS } from '../migrations/offer-ingestion-migrations';
import { issueApiKey } from './api-key';
import { PgRecruiterRepository } from './pg-recruiter.repository';

const T0 = new Date('2026-12-01T08:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe('PgRecruiterRepository keys on Postgres', () => {
  let db: TestDatabase;
  let sut: PgRecruiterRepository;

  beforeAll(async () => {
    db = await openTestDatabase('recruiter-keys', OFFER_INGESTION_MIGRATIONS);
    sut = new PgRecruiterRepository(db.dataSource);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('authenticates the current key, and after a rotation the old one only until its grace ends', async () => {
    const first = issueApiKey();
    const recruiter = await sut.create('Cabinet Rotation', first);
    expect(await sut.findByApiKey(first.key, T0)).toMatchObject({ id: recruiter.id, key: 'current' });

    const second = issueApiKey();
    expect(await sut.rotateKey(recruiter.id, second, T0, later(60_000))).toBe(true);

    expect(await sut.findByApiKey(second.key, later(1))).toMatchObject({
      id: recruiter.id,
      key: 'current',
      keyPrefix: second.prefix,
    });
    expect(await sut.findByApiKey(first.key, later(59_999))).toMatchObject({
      id: recruiter.id,
      key: 'retired',
    });
    expect(await sut.findByApiKey(first.key, later(60_000))).toBeNull();
    expect(await sut.findByApiKey(second.key, later(3_600_000))).toMatchObject({ key: 'current' });
  });

  it('stores only hashes, and a key with the right prefix but another secret is refused', async () => {
    const key = issueApiKey();
    await sut.create('Cabinet Hash', key);
    const forged = `vk_${key.prefix}_${'A'.repeat(43)}`;

    expect(await sut.findByApiKey(forged, T0)).toBeNull();
    const stored = await db.dataSource.query<Array<{ text: string }>>(
      `SELECT row_to_json(r)::text AS text FROM recruiters r WHERE api_key_prefix = $1`,
      [key.prefix],
    );
    expect(stored[0]!.text).not.toContain(key.key.split('_')[2]);
  });

  it('a disabled account is refused with every key, cannot rotate, and disabling twice is fine', async () => {
    const first = issueApiKey();
    const recruiter = await sut.create('Cabinet Fermé', first);
    const second = issueApiKey();
    await sut.rotateKey(recruiter.id, second, T0, later(60_000));

    expect(await sut.disable(recruiter.id, later(1))).toBe('disabled');
    expect(await sut.disable(recruiter.id, later(2))).toBe('already-disabled');
    expect(await sut.disable('00000000-0000-4000-8000-000000000000', T0)).toBe('not-found');

    expect(await sut.findByApiKey(first.key, later(3))).toBeNull();
    expect(await sut.findByApiKey(second.key, later(3))).toBeNull();
    expect(await sut.rotateKey(recruiter.id, issueApiKey(), later(4), later(60_000))).toBe(false);
  });

  it('two rotations at once leave exactly one current key and retire the others', async () => {
    const first = issueApiKey();
    const recruiter = await sut.create('Cabinet Concurrent', first);
    const a = issueApiKey();
    const b = issueApiKey();

    await Promise.all([
      sut.rotateKey(recruiter.id, a, T0, later(60_000)),
      sut.rotateKey(recruiter.id, b, T0, later(60_000)),
    ]);

    const current = [await sut.findByApiKey(a.key, T0), await sut.findByApiKey(b.key, T0)].map((r) => r?.key);
    expect(current.sort()).toEqual(['current', 'retired']);
    expect(await sut.findByApiKey(first.key, T0)).toMatchObject({ key: 'retired' });
  });
});
