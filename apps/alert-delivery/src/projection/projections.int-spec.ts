import { randomUUID } from 'node:crypto';
import { AlertChangedV1, MatchCreatedV2, OfferChangedV2, TOPICS } from '@vigie/contracts';
import { FakeClock } from '@vigie/kernel';
import { goldenFixture, openTestDatabase, TestDatabase } from '@vigie/testing';
import { ALERT_DELIVERY_MIGRATIONS } from '../migrations/alert-delivery-migrations';
import { PgAlertProjection } from './pg-alert-projection';
import { PgOfferStates } from './pg-offer-states';
import { PgPendingMatches } from './pg-pending-matches';
import {
  ProjectAlertChangesUseCase,
  ProjectOfferChangesUseCase,
  RecordMatchesUseCase,
} from './project-changes.usecase';

const alertFixture = goldenFixture<AlertChangedV1>(TOPICS.alertChanged, 'active');
const matchFixture = goldenFixture<MatchCreatedV2>(TOPICS.matchCreatedV2, 'instant');
const activeOffer = goldenFixture<OfferChangedV2>(TOPICS.offerChanged, 'active');
const expiredOffer = goldenFixture<OfferChangedV2>(TOPICS.offerChanged, 'expired');

const alertState = (
  alertId: string,
  version: number,
  patch: Partial<AlertChangedV1> = {},
): AlertChangedV1 => ({
  ...alertFixture,
  alertId,
  version,
  ...patch,
});

describe('Delivery projections on Postgres', () => {
  let db: TestDatabase;
  let alerts: PgAlertProjection;
  let offers: PgOfferStates;

  beforeAll(async () => {
    db = await openTestDatabase('delivery-projections', ALERT_DELIVERY_MIGRATIONS);
    alerts = new PgAlertProjection(db.dataSource);
    offers = new PgOfferStates(db.dataSource);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('keeps the newest state of an alert, whatever order and however often the changes come', async () => {
    const sut = new ProjectAlertChangesUseCase(alerts);
    const id = randomUUID();
    const v1 = alertState(id, 1, { status: 'pending' });
    const v2 = alertState(id, 2, {
      status: 'active',
      schedule: { timeZone: 'America/Cayenne', hour: 7, weekday: 3 },
    });
    const v3 = alertState(id, 3, { status: 'paused', snoozedUntil: '2027-01-05T08:00:00.000Z' });

    await sut.execute([
      { kind: 'state', alert: v1 },
      { kind: 'state', alert: v2 },
    ]);
    await sut.execute([{ kind: 'state', alert: v3 }]);
    // A replay of the compacted topic from its start brings the old states back: ignored.
    await sut.execute([
      { kind: 'state', alert: v1 },
      { kind: 'state', alert: v2 },
    ]);

    const held = (await alerts.get([id])).get(id);
    expect(held).toMatchObject({
      version: 3,
      status: 'paused',
      candidateId: alertFixture.candidateId,
      email: alertFixture.contact.email,
      schedule: alertFixture.schedule,
      frequency: alertFixture.frequency,
      criteria: alertFixture.criteria,
    });
    expect(held!.snoozedUntil!.toISOString()).toBe('2027-01-05T08:00:00.000Z');
  });

  it('forgets an alert, its address and its waiting matches on a tombstone', async () => {
    const id = randomUUID();
    const other = randomUUID();
    const pending = new PgPendingMatches(db.dataSource);
    await alerts.apply([
      { kind: 'state', alert: alertState(id, 1) },
      { kind: 'state', alert: alertState(other, 1) },
    ]);
    await new RecordMatchesUseCase(pending, new FakeClock()).execute([
      { ...matchFixture, matchId: randomUUID(), alertId: id },
      { ...matchFixture, matchId: randomUUID(), alertId: other },
    ]);

    await new ProjectAlertChangesUseCase(alerts).execute([{ kind: 'tombstone', alertId: id }]);

    expect([...(await alerts.get([id, other])).keys()]).toEqual([other]);
    const waiting: Array<{ alert_id: string }> = await db.dataSource.query(
      `SELECT alert_id FROM pending_matches WHERE alert_id = ANY($1::uuid[])`,
      [[id, other]],
    );
    expect(waiting.map((w) => w.alert_id)).toEqual([other]);
  });

  it('takes the last change of an alert within one batch, a tombstone included', async () => {
    const id = randomUUID();

    await alerts.apply([
      { kind: 'state', alert: alertState(id, 1) },
      { kind: 'tombstone', alertId: id },
    ]);

    expect((await alerts.get([id])).size).toBe(0);
  });

  it('keeps the status and cluster of the newest version of each offer', async () => {
    const sut = new ProjectOfferChangesUseCase(offers);
    const offerId = randomUUID();
    const v1 = { ...activeOffer, offerId, version: 1 };
    const v2 = { ...expiredOffer, offerId, version: 2 };

    await sut.execute([v1, v2]);
    await sut.execute([v1]);

    expect((await offers.get([offerId])).get(offerId)).toEqual({
      offerId,
      version: 2,
      status: 'expired',
      // An expired offer carries no snapshot: the cluster seen on the active version is kept.
      clusterId: activeOffer.offer!.clusterId,
    });
  });

  it('records a pending match once however often it is delivered', async () => {
    const clock = new FakeClock('2026-12-01T09:00:00.000Z');
    const sut = new RecordMatchesUseCase(new PgPendingMatches(db.dataSource), clock);
    const match = { ...matchFixture, matchId: randomUUID(), alertId: randomUUID() };

    expect(await sut.execute([match, match])).toBe(1);
    clock.advance(60_000);
    expect(await sut.execute([match])).toBe(0);

    const rows: Array<{ received_at: Date; cluster_id: string; offer: unknown; explanation: unknown }> =
      await db.dataSource.query(
        `SELECT received_at, cluster_id, offer, explanation FROM pending_matches WHERE match_id = $1`,
        [match.matchId],
      );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.received_at.toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(rows[0]).toMatchObject({
      cluster_id: matchFixture.clusterId,
      offer: matchFixture.offer,
      explanation: matchFixture.explanation,
    });
  });
});
