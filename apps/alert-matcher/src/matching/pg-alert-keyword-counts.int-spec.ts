import { SearchCriteriaSchema } from '@vigie/contracts';
import { TypeOrmUnitOfWork } from '@vigie/database';
import { openTestDatabase, TestDatabase } from '@vigie/testing';
import { DEFAULT_SCHEDULE } from '../alerts/alert';
import { NewAlert } from '../alerts/alert.repository';
import { PgAlertRepository } from '../alerts/pg-alert.repository';
import { ALERT_MATCHER_MIGRATIONS } from '../migrations/alert-matcher-migrations';
import { PgAlertKeywordCounts } from './pg-alert-keyword-counts';

const newAlert = (q: string | null, status: NewAlert['status'] = 'active'): NewAlert => ({
  candidateId: 'cand-counts',
  email: 'cand-counts@example.org',
  criteria: SearchCriteriaSchema.parse({ q, where: { kind: 'department', code: '44' } }),
  frequency: 'instant',
  schedule: DEFAULT_SCHEDULE,
  status,
});

describe('PgAlertKeywordCounts on Postgres', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase('alert_keyword_counts', ALERT_MATCHER_MIGRATIONS);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('counts the active alerts of each keyword text, pending and paused ones left out', async () => {
    const alerts = new PgAlertRepository(db.dataSource);
    const uow = new TypeOrmUnitOfWork(db.dataSource);
    const at = new Date('2026-12-01T08:00:00Z');
    await uow.run(async (tx) => {
      for (const q of ['soudeur', 'soudeur', 'soudeur tig', null]) await alerts.insert(tx, newAlert(q), at);
      await alerts.insert(tx, newAlert('soudeur', 'pending'), at);
      const paused = await alerts.insert(tx, newAlert('soudeur tig'), at);
      await alerts.save(tx, { ...paused, status: 'paused', version: 2 });
    });

    const sut = new PgAlertKeywordCounts(db.dataSource);
    const counts = await sut.activeKeywordCounts();

    expect(counts.sort((a, b) => String(a.q).localeCompare(String(b.q)))).toEqual([
      { q: null, alerts: 1 },
      { q: 'soudeur', alerts: 2 },
      { q: 'soudeur tig', alerts: 1 },
    ]);
  });
});
