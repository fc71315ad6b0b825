import { randomUUID } from 'node:crypto';
import { MatchExplanationV2, SearchCriteriaSchema } from '@vigie/contracts';
import { TypeOrmUnitOfWork } from '@vigie/database';
import { openTestDatabase, TestDatabase } from '@vigie/testing';
import { DEFAULT_SCHEDULE } from '../alerts/alert';
import { PgAlertRepository } from '../alerts/pg-alert.repository';
import { ALERT_MATCHER_MIGRATIONS } from '../migrations/alert-matcher-migrations';
import { NewMatch } from './match.repository';
import { PgMatchRepository } from './pg-match.repository';

const explanation: MatchExplanationV2 = {
  terms: [{ term: 'soudeur', fields: ['title'] }],
  distanceKm: null,
  radiusKm: null,
  placeLabel: null,
  fullRemote: false,
  filters: [],
};

describe('PgMatchRepository on Postgres', () => {
  let db: TestDatabase;
  let uow: TypeOrmUnitOfWork;
  const sut = new PgMatchRepository();
  let alertId: string;

  beforeAll(async () => {
    db = await openTestDatabase('matches', ALERT_MATCHER_MIGRATIONS);
    uow = new TypeOrmUnitOfWork(db.dataSource);
    const alert = await uow.run((tx) =>
      new PgAlertRepository(db.dataSource).insert(
        tx,
        {
          candidateId: 'cand-welder',
          email: 'welder@example.org',
          criteria: SearchCriteriaSchema.parse({ q: 'soudeur' }),
          frequency: 'instant',
          schedule: DEFAULT_SCHEDULE,
          status: 'active',
        },
        new Date(),
      ),
    );
    alertId = alert.id;
  });

  afterAll(async () => {
    await db.drop();
  });

  const match = (offerId: string, clusterId: string | null): NewMatch => ({
    alertId,
    offerId,
    offerVersion: 1,
    clusterId,
    explanation,
  });

  it('keeps one match per (alert, offer) and per (alert, cluster)', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];

    const first = await uow.run((tx) => sut.insertNew(tx, [match(a, 'cluster-1'), match(b, 'cluster-1')]));
    const again = await uow.run((tx) => sut.insertNew(tx, [match(a, null), match(c, 'cluster-1')]));

    expect(first.map((m) => m.offerId)).toEqual([a]);
    expect(again).toEqual([]);
  });

  it('withdraws the live matches of an expired offer once, with the candidate', async () => {
    const offerId = randomUUID();
    await uow.run((tx) => sut.insertNew(tx, [match(offerId, null)]));
    const at = new Date('2026-12-01T10:00:00Z');

    const withdrawn = await uow.run((tx) => sut.withdraw(tx, [{ offerId, reason: 'expired' }], at));
    const twice = await uow.run((tx) => sut.withdraw(tx, [{ offerId, reason: 'deleted' }], at));

    expect(withdrawn).toEqual([
      expect.objectContaining({
        alertId,
        offerId,
        candidateId: 'cand-welder',
        reason: 'expired',
        withdrawnAt: at,
      }),
    ]);
    expect(twice).toEqual([]);
  });
});
