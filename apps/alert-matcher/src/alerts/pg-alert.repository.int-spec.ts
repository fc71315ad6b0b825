import { SearchCriteriaSchema } from '@vigie/contracts';
import { TypeOrmUnitOfWork } from '@vigie/database';
import { openTestDatabase, TestDatabase, uniqueId } from '@vigie/testing';
import { tokenize } from '../matching/keywords';
import { CreateAlerts1764400000002 } from '../migrations/1764400000002-create-alerts';
import { EventTableRetention1764700000011 } from '../migrations/1764700000011-event-table-retention';
import { AlertsOnSearchCriteria1764900000008 } from '../migrations/1764900000008-alerts-on-search-criteria';
import { DEFAULT_SCHEDULE } from './alert';
import { NewAlert } from './alert.repository';
import { PgAlertRepository } from './pg-alert.repository';

const MIGRATIONS = [
  CreateAlerts1764400000002,
  EventTableRetention1764700000011,
  AlertsOnSearchCriteria1764900000008,
];

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
    db = await openTestDatabase('alerts', MIGRATIONS);
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

  it('finds, for each offer of a batch in one query, the active instant alerts whose every required word it contains', async () => {
    const [dev, devCdi, located, paused] = await uow.run(async (tx) => [
      await sut.insert(tx, newAlert('c-dev', { q: 'développeur TypeScript -java' }), at),
      await sut.insert(tx, newAlert('c-cdi', { q: 'développeur', contractTypes: ['cdi'] }), at),
      await sut.insert(tx, newAlert('c-where', { where: { kind: 'region', code: '52' } }), at),
      await sut.insert(tx, newAlert('c-paused', { q: 'développeur' }, 'pending'), at),
    ]);
    const later = new Date(at.getTime() + 60_000);

    const [typescriptCdd, tooEarly] = await uow.run((tx) =>
      sut.findCandidates(tx, [
        { tokens: tokenize('Développeurs TypeScript confirmés'), contractType: 'cdd', notAfter: later },
        { tokens: tokenize('Développeur TypeScript'), contractType: 'cdi', notAfter: new Date(0) },
      ]),
    );

    const ids = typescriptCdd!.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining([dev.id, located.id]));
    expect(ids).not.toContain(devCdi.id);
    expect(ids).not.toContain(paused.id);
    expect(tooEarly).toEqual([]);
  });
});
