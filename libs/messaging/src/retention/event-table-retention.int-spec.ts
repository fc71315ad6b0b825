import { FakeClock } from '@vigie/kernel';
import { MetricsRegistry } from '@vigie/observability';
import { openTestDatabase, TestDatabase } from '@vigie/testing';
import pino from 'pino';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_DDL, PROCESSED_EVENTS_DDL } from '../outbox/outbox.schema';
import { EventRetentionSettings, EventTableRetention } from './event-table-retention';
import { eventTableSizes } from './event-table-sizes';

class CreateEventTables1700000000000 implements MigrationInterface {
  name = 'CreateEventTables1700000000000';
  async up(q: QueryRunner) {
    await q.query(OUTBOX_DDL);
    await q.query(PROCESSED_EVENTS_DDL);
  }
  async down() {}
}

const NOW = '2026-12-01T08:00:00.000Z';
const MINUTE = 60_000;

describe('EventTableRetention on Postgres', () => {
  let db: TestDatabase;
  const clock = new FakeClock(NOW);
  const retention = (settings: Partial<EventRetentionSettings> = {}) =>
    new EventTableRetention(
      db.dataSource,
      {
        outboxRetentionMs: 10 * MINUTE,
        processedEventsRetentionMs: 60 * MINUTE,
        batchSize: 7,
        intervalMs: 60_000,
        ...settings,
      },
      clock,
      pino({ level: 'silent' }),
      new MetricsRegistry(),
    );
  /** `count` outbox rows published `ageMs` before the clock (never published when null). */
  const outboxRows = (count: number, ageMs: number | null) =>
    db.dataSource.query(
      `INSERT INTO outbox (event_id, topic, message_key, value, headers, published_at)
       SELECT gen_random_uuid(), 't', 'k', '{}', '{}', $2::timestamptz FROM generate_series(1, $1)`,
      [count, ageMs === null ? null : new Date(clock.nowMs() - ageMs)],
    );
  const inboxRows = (count: number, ageMs: number) =>
    db.dataSource.query(
      `INSERT INTO processed_events (consumer_group, event_id, processed_at)
       SELECT 'group', gen_random_uuid(), $2 FROM generate_series(1, $1)`,
      [count, new Date(clock.nowMs() - ageMs)],
    );

  beforeAll(async () => {
    db = await openTestDatabase('retention', [CreateEventTables1700000000000]);
  });

  beforeEach(async () => {
    await db.dataSource.query(`TRUNCATE outbox, processed_events`);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('deletes published rows past the retention and processed ids past theirs, in batches until caught up', async () => {
    await outboxRows(30, 11 * MINUTE);
    await outboxRows(5, 9 * MINUTE);
    await outboxRows(4, null);
    await inboxRows(25, 61 * MINUTE);
    await inboxRows(3, 59 * MINUTE);

    expect(await retention().pruneOnce()).toEqual({ outbox: 30, processed_events: 25 });
    expect(await retention().pruneOnce()).toEqual({ outbox: 0, processed_events: 0 });

    expect(await eventTableSizes(db.dataSource, db.schema)).toMatchObject({
      outbox_rows: 9,
      outbox_unpublished_rows: 4,
      processed_events_rows: 3,
    });
  });

  it('never deletes an unpublished row, however old', async () => {
    await db.dataSource.query(
      `INSERT INTO outbox (event_id, topic, message_key, value, headers, created_at)
       SELECT gen_random_uuid(), 't', 'k', '{}', '{}', now() - interval '30 days' FROM generate_series(1, 3)`,
    );
    clock.advance(365 * 24 * 60 * MINUTE);
    try {
      expect((await retention().pruneOnce()).outbox).toBe(0);
      expect((await eventTableSizes(db.dataSource, db.schema)).outbox_unpublished_rows).toBe(3);
    } finally {
      clock.set(NOW);
    }
  });

  it('lets replicas prune side by side: every expired row deleted once, no error', async () => {
    await outboxRows(500, 20 * MINUTE);
    await inboxRows(500, 120 * MINUTE);

    const rounds = await Promise.all([1, 2, 3].map(() => retention({ batchSize: 25 }).pruneOnce()));

    expect(rounds.reduce((n, r) => n + r.outbox, 0)).toBe(500);
    expect(rounds.reduce((n, r) => n + r.processed_events, 0)).toBe(500);
    expect(await eventTableSizes(db.dataSource, db.schema)).toMatchObject({
      outbox_rows: 0,
      processed_events_rows: 0,
    });
  });

  it('prunes only the tables a service has, and only those it was given a retention for', async () => {
    await outboxRows(3, 11 * MINUTE);
    await inboxRows(3, 61 * MINUTE);
    const outboxOnly = new EventTableRetention(
      db.dataSource,
      { outboxRetentionMs: 10 * MINUTE, batchSize: 10, intervalMs: 60_000 },
      clock,
      pino({ level: 'silent' }),
      new MetricsRegistry(),
    );
    expect(await outboxOnly.pruneOnce()).toEqual({ outbox: 3, processed_events: 0 });

    await db.dataSource.query(`ALTER TABLE processed_events RENAME TO processed_events_elsewhere`);
    try {
      expect(await retention().pruneOnce()).toEqual({ outbox: 0, processed_events: 0 });
    } finally {
      await db.dataSource.query(`ALTER TABLE processed_events_elsewhere RENAME TO processed_events`);
    }
  });

  it('vacuums a table after a large deletion, so the next burst reuses its space', async () => {
    const padded = (count: number) =>
      db.dataSource.query(
        `INSERT INTO outbox (event_id, topic, message_key, value, headers, published_at)
         SELECT gen_random_uuid(), 't', 'k', repeat('x', 1500), '{}', $2 FROM generate_series(1, $1)`,
        [count, new Date(clock.nowMs() - 11 * MINUTE)],
      );
    const size = async () =>
      Number(
        (await db.dataSource.query<Array<{ n: string }>>(`SELECT pg_relation_size('outbox') AS n`))[0]!.n,
      );
    await padded(300);
    const afterFirstBurst = await size();
    const metrics = new MetricsRegistry();
    const sut = new EventTableRetention(
      db.dataSource,
      { outboxRetentionMs: 10 * MINUTE, batchSize: 100, intervalMs: 60_000, vacuumAfterRows: 200 },
      clock,
      pino({ level: 'silent' }),
      metrics,
    );

    expect((await sut.pruneOnce()).outbox).toBe(300);
    await padded(300);

    expect(await size()).toBe(afterFirstBurst);
    expect(await metrics.registry.getSingleMetricAsString('event_table_vacuums_total')).toContain(
      'event_table_vacuums_total{table="outbox"} 1',
    );
  });

  it('gives the event tables an autovacuum on a fixed count of dead rows', async () => {
    const rows = await db.dataSource.query<Array<{ relname: string; reloptions: string[] }>>(
      `SELECT relname, reloptions FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND relname IN ('outbox', 'processed_events') ORDER BY relname`,
      [db.schema],
    );
    expect(rows.map((r) => r.relname)).toEqual(['outbox', 'processed_events']);
    for (const r of rows) {
      expect(r.reloptions).toEqual(
        expect.arrayContaining(['autovacuum_vacuum_scale_factor=0', 'autovacuum_vacuum_threshold=20000']),
      );
    }
  });
});
