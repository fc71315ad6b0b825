import { TypeOrmUnitOfWork } from '@vigie/database';
import { openTestDatabase, TestDatabase } from '@vigie/testing';
import { tokenize } from '../matching/keywords';
import { CreateAlerts1764400000002 } from '../migrations/1764400000002-create-alerts';
import { NewAlert } from './alert.repository';
import { PgAlertRepository } from './pg-alert.repository';

const alert = (
  candidateId: string,
  keywords: string[],
  contractTypes: NewAlert['contractTypes'] = [],
): NewAlert => ({
  candidateId,
  email: `${candidateId}@example.org`,
  keywords,
  keywordTokens: tokenize(keywords.join(' ')),
  place: null,
  contractTypes,
  frequency: 'instant',
});

describe('PgAlertRepository on Postgres', () => {
  let db: TestDatabase;
  let sut: PgAlertRepository;
  let uow: TypeOrmUnitOfWork;

  beforeAll(async () => {
    db = await openTestDatabase('alerts', [CreateAlerts1764400000002]);
    sut = new PgAlertRepository(db.dataSource);
    uow = new TypeOrmUnitOfWork(db.dataSource);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('finds, for each offer of a batch in one query, the active alerts whose every keyword it contains', async () => {
    const dev = await sut.create(alert('c-dev', ['développeur', 'TypeScript']));
    const devCdi = await sut.create(alert('c-cdi', ['développeur'], ['cdi']));
    const baker = await sut.create(alert('c-baker', ['boulanger']));
    const gone = await sut.create(alert('c-gone', ['développeur']));
    await sut.unsubscribe(gone.id);
    const later = new Date(Date.now() + 60_000);

    const [typescriptCdd, bakery, nothing, tooEarly] = await uow.run((tx) =>
      sut.findCandidates(tx, [
        { tokens: tokenize('Développeurs TypeScript confirmés'), contractType: 'cdd', notAfter: later },
        { tokens: tokenize('Boulanger de nuit'), contractType: 'cdi', notAfter: later },
        { tokens: tokenize('Infirmier'), contractType: 'cdi', notAfter: later },
        { tokens: tokenize('Développeur TypeScript'), contractType: 'cdi', notAfter: new Date(0) },
      ]),
    );

    expect(typescriptCdd!.map((a) => a.id)).toEqual([dev.id]);
    expect(bakery!.map((a) => a.id)).toEqual([baker.id]);
    expect(nothing).toEqual([]);
    expect(tooEarly).toEqual([]);
    const cdi = await uow.run((tx) =>
      sut.findCandidates(tx, [
        { tokens: tokenize('développeur java'), contractType: 'cdi', notAfter: later },
      ]),
    );
    expect(cdi[0]!.map((a) => a.id)).toEqual([devCdi.id]);
  });

  it('scopes reads and deletions by candidate', async () => {
    const mine = await sut.create(alert('c-owner', ['cariste']));
    expect(await sut.findForCandidate('c-intruder', mine.id)).toBeNull();
    expect(await sut.markDeleted('c-intruder', mine.id)).toBe(false);
    expect(await sut.markDeleted('c-owner', mine.id)).toBe(true);
    expect(await sut.findForCandidate('c-owner', mine.id)).toBeNull();
  });
});
