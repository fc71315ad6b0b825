import { openTestDatabase, TestDatabase } from '@vigie/testing';
import { CreateIndexState1764400000001 } from '../migrations/1764400000001-create-index-state';
import { IndexStateExpired1764600000001 } from '../migrations/1764600000001-index-state-expired';
import { PgIndexStateRepository } from './index-state.repository';

describe('PgIndexStateRepository on Postgres', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase('index-state', [
      CreateIndexState1764400000001,
      IndexStateExpired1764600000001,
    ]);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('records every status of a v2 offer, and only ever moves a version forward', async () => {
    const sut = new PgIndexStateRepository(db.dataSource);
    const offerId = '6f1c2b7e-3d4a-4c1e-9b2f-8a7d5e4c3b21';

    await sut.record([{ offerId, version: 3, status: 'active' }]);
    await sut.record([{ offerId, version: 4, status: 'expired' }]);
    await sut.record([{ offerId, version: 2, status: 'deleted' }]);

    const rows = await db.dataSource.query<Array<{ version: number; status: string }>>(
      `SELECT version, status FROM offer_index_state WHERE offer_id = $1`,
      [offerId],
    );
    expect(rows).toEqual([{ version: 4, status: 'expired' }]);
  });
});
