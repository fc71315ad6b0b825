import { openTestDatabase, TestDatabase } from '@vigie/testing';
import { ALERT_DELIVERY_MIGRATIONS } from '../migrations/alert-delivery-migrations';
import { PgDeliveryLedger } from './delivery-ledger';

const request = (n: number) => ({
  key: `instant:c4d5e6f7-0812-4a3b-9c4d-5e6f7a8b9c0d:00000000-0000-4000-8000-00000000000${n}`,
  alertId: 'c4d5e6f7-0812-4a3b-9c4d-5e6f7a8b9c0d',
  offerId: `00000000-0000-4000-8000-00000000000${n}`,
  matchId: `10000000-0000-4000-8000-00000000000${n}`,
});

describe('PgDeliveryLedger on Postgres', () => {
  let db: TestDatabase;
  let sut: PgDeliveryLedger;

  beforeAll(async () => {
    db = await openTestDatabase('ledger', ALERT_DELIVERY_MIGRATIONS);
    sut = new PgDeliveryLedger(db.dataSource);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('lets one worker claim a delivery; another waits while the lease runs; the owner may re-claim', async () => {
    const [first] = await sut.claimMany([request(1)], 'worker-a', 60_000);
    const [other] = await sut.claimMany([request(1)], 'worker-b', 60_000);
    const [again] = await sut.claimMany([request(1)], 'worker-a', 60_000);

    expect(first).toEqual({ key: request(1).key, claimed: true, attempt: 1, takenOver: false });
    expect(other).toEqual({ key: request(1).key, claimed: false, state: 'in_flight' });
    expect(again).toEqual({ key: request(1).key, claimed: true, attempt: 2, takenOver: false });
  });

  it('hands a delivery to another worker once the lease of a crashed one has expired, and says so', async () => {
    await sut.claimMany([request(2)], 'worker-a', 1);
    await new Promise((r) => setTimeout(r, 20));
    const [takeover] = await sut.claimMany([request(2)], 'worker-b', 60_000);

    expect(takeover).toEqual({ key: request(2).key, claimed: true, attempt: 2, takenOver: true });
  });

  it('never hands out a delivery that was sent or failed, whoever asks', async () => {
    await sut.claimMany([request(3), request(4)], 'worker-a', 60_000);
    await sut.markSent([{ key: request(3).key, messageId: '<m3@vigie>' }]);
    await sut.markFailed(request(4).key, '550 mailbox unavailable');

    expect(await sut.claimMany([request(3), request(4), request(5)], 'worker-a', 60_000)).toEqual([
      { key: request(3).key, claimed: false, state: 'sent' },
      { key: request(4).key, claimed: false, state: 'failed' },
      { key: request(5).key, claimed: true, attempt: 1, takenOver: false },
    ]);
    const rows: Array<{ message_id: string }> = await db.dataSource.query(
      `SELECT message_id FROM deliveries WHERE delivery_key = $1`,
      [request(3).key],
    );
    expect(rows[0]!.message_id).toBe('<m3@vigie>');
  });

  it('gives back only its own unsent claims, so a dead-lettered match replayed later is a first attempt', async () => {
    await sut.claimMany([request(6), request(7)], 'worker-a', 60_000);
    await sut.claimMany([request(8)], 'worker-b', 60_000);
    await sut.markSent([{ key: request(7).key, messageId: '<m7@vigie>' }]);

    await sut.release([request(6).key, request(7).key, request(8).key], 'worker-a');

    expect(await sut.claimMany([request(6), request(7), request(8)], 'worker-a', 60_000)).toEqual([
      { key: request(6).key, claimed: true, attempt: 1, takenOver: false },
      { key: request(7).key, claimed: false, state: 'sent' },
      { key: request(8).key, claimed: false, state: 'in_flight' },
    ]);
  });
});
