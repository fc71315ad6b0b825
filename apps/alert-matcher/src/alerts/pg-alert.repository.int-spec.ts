import { SearchCriteriaSchema } from '@vigie/contracts';
import { TypeOrmUnitOfWork } from '@vigie/database';
import { openTestDatabase, TestDatabase, uniqueId } from '@vigie/testing';
import { ALERT_MATCHER_MIGRATIONS } from '../migrations/alert-matcher-migrations';
import { DEFAULT_SCHEDULE } from './alert';
import { NewAlert } from './alert.repository';
import { PgAlertRepository } from './pg-alert.repository';

const newAlert = (
  candidateId: string,
  raw: Record<string, unknown>,
  status: NewAlert['status'] = 'active',
): NewAlert => ({
  candidateId,
  email: `${candidateId}@example.org`,
  criteria: SearchCriteriaSchema.parse(raw),
  frequency: 'instant',
  schedule: DEFAULT_SCHEDULE,
  status,
});

describe('PgAlertRepository on Postgres', () => {
  let db: TestDatabase;
  let sut: PgAlertRepository;
  let uow: TypeOrmUnitOfWork;
  const at = new Date('2026-12-01T08:00:00Z');

  beforeAll(async () => {
    db = await openTestDatabase('alerts', ALERT_MATCHER_MIGRATIONS);
    sut = new PgAlertRepository(db.dataSource);
    uow = new TypeOrmUnitOfWork(db.dataSource);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('stores the whole state and writes back a changed version', async () => {
    const created = await uow.run((tx) =>
      sut.insert(
        tx,
        newAlert('c-state', { q: 'soudeur', where: { kind: 'department', code: '44' } }, 'pending'),
        at,
      ),
    );
    expect(created).toMatchObject({
      status: 'pending',
      version: 1,
      createdAt: at,
      changedAt: at,
      snoozedUntil: null,
    });

    const later = new Date('2026-12-01T09:00:00Z');
    await uow.run(async (tx) => {
      const locked = (await sut.lock(tx, created.id))!;
      await sut.save(tx, { ...locked, status: 'active', version: 2, changedAt: later, snoozedUntil: later });
    });

    expect(await sut.find(created.id)).toEqual({
      ...created,
      status: 'active',
      version: 2,
      changedAt: later,
      snoozedUntil: later,
    });
  });

  it('counts live alerts per address whatever its case, and hides deleted ones', async () => {
    const who = uniqueId('addr');
    const [a, b] = await uow.run(async (tx) => [
      await sut.insert(tx, { ...newAlert(who, { q: 'cariste' }), email: `${who}@Example.org` }, at),
      await sut.insert(tx, { ...newAlert(who, { q: 'grutier' }), email: `${who}@example.org` }, at),
    ]);
    await uow.run(async (tx) =>
      sut.save(tx, { ...(await sut.lock(tx, b.id))!, status: 'deleted', version: 2 }),
    );

    expect(await uow.run((tx) => sut.countLiveForAddress(tx, `${who.toUpperCase()}@EXAMPLE.ORG`))).toBe(1);
    expect(await sut.find(b.id)).toBeNull();
    expect((await sut.listForCandidate(who)).map((x) => x.id)).toEqual([a.id]);
  });

  it('finds the alert of an idempotency key, one per key under concurrency, freed by deletion', async () => {
    const who = uniqueId('idem');
    const createOnce = () =>
      uow.run(async (tx) => {
        const earlier = await sut.lockIdempotencyKey(tx, who, 'cv-suggestion:a');
        return earlier ?? sut.insert(tx, newAlert(who, { q: 'cariste' }), at, 'cv-suggestion:a');
      });

    const [a, b] = await Promise.all([createOnce(), createOnce()]);

    expect(b.id).toBe(a.id);
    expect((await sut.listForCandidate(who)).map((x) => x.id)).toEqual([a.id]);
    expect(await uow.run((tx) => sut.lockIdempotencyKey(tx, 'someone-else', 'cv-suggestion:a'))).toBeNull();
    await uow.run(async (tx) =>
      sut.save(tx, { ...(await sut.lock(tx, a.id))!, status: 'deleted', version: 2 }),
    );
    const c = await createOnce();
    expect(c.id).not.toBe(a.id);
  });

  it('pages through every alert in id order, deleted ones included', async () => {
    const who = uniqueId('page');
    const made = await uow.run(async (tx) => {
      const out = [];
      for (const q of ['cariste', 'grutier', 'couvreur'])
        out.push(await sut.insert(tx, newAlert(who, { q }), at));
      return out;
    });
    await uow.run(async (tx) =>
      sut.save(tx, { ...(await sut.lock(tx, made[0]!.id))!, status: 'deleted', version: 2 }),
    );

    const seen: string[] = [];
    for (let after: string | null = null; ; ) {
      const page = await sut.page(after, 2);
      seen.push(...page.map((a) => a.id));
      if (page.length < 2) break;
      after = page[page.length - 1]!.id;
    }

    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(made.map((a) => a.id)));
  });
});
