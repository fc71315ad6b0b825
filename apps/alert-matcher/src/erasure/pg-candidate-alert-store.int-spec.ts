import { randomUUID } from 'node:crypto';
import { SearchCriteriaSchema, TOPICS } from '@vigie/contracts';
import { ensureSharedSubjectKeys, PgSubjectKeyStore, TypeOrmUnitOfWork } from '@vigie/database';
import { AesGcmSubjectCipher, isSubjectErased, PlainDataKeys } from '@vigie/kernel';
import { OutboxWriter, TOMBSTONE_VALUE } from '@vigie/messaging';
import { openTestDatabase, TestDatabase } from '@vigie/testing';
import { DEFAULT_SCHEDULE } from '../alerts/alert';
import { alertChangedEvent } from '../alerts/alert-changed-event';
import { PgAlertRepository } from '../alerts/pg-alert.repository';
import { ALERT_MATCHER_MIGRATIONS } from '../migrations/alert-matcher-migrations';
import { PgCandidateAlertStore } from './pg-candidate-alert-store';

const AT = new Date('2026-12-01T20:00:00.000Z');
const ERASURE_ID = '5b1f0c7e-8d2a-4f3b-9e6c-1a2b3c4d5e6f';

describe('PgCandidateAlertStore (erasure in alert-matcher, real Postgres)', () => {
  let db: TestDatabase;
  let uow: TypeOrmUnitOfWork;
  let outbox: OutboxWriter;
  let alerts: PgAlertRepository;
  let sut: PgCandidateAlertStore;
  let cipher: AesGcmSubjectCipher;

  beforeAll(async () => {
    db = await openTestDatabase('matcher-erasure', ALERT_MATCHER_MIGRATIONS);
    uow = new TypeOrmUnitOfWork(db.dataSource);
    outbox = new OutboxWriter(db.schema);
    alerts = new PgAlertRepository(db.dataSource);
    const keysTable = await ensureSharedSubjectKeys(db.dataSource, `${db.schema}_keys`);
    cipher = new AesGcmSubjectCipher(new PgSubjectKeyStore(db.dataSource, keysTable, new PlainDataKeys()));
    sut = new PgCandidateAlertStore(uow, outbox, cipher, keysTable);
  });

  afterAll(async () => {
    await db.dataSource.query(`DROP SCHEMA IF EXISTS "${db.schema}_keys" CASCADE`);
    await db.drop();
  });

  /** An alert announced through the outbox (address inside), with one match. */
  async function alertWithMatch(candidateId: string, email: string, status: 'active' | 'pending') {
    return uow.run(async (tx) => {
      const alert = await alerts.insert(
        tx,
        {
          candidateId,
          email,
          criteria: SearchCriteriaSchema.parse({ q: 'soudeur', where: { kind: 'department', code: '44' } }),
          frequency: 'instant',
          schedule: DEFAULT_SCHEDULE,
          status,
        },
        AT,
      );
      await outbox.append(tx.manager, [alertChangedEvent(alert)]);
      await tx.manager.query(
        `INSERT INTO matches (alert_id, offer_id, offer_version, explanation) VALUES ($1, $2, 1, '{}')`,
        [alert.id, randomUUID()],
      );
      return alert;
    });
  }

  async function rowsMentioning(...needles: string[]): Promise<Array<{ table: string; row: string }>> {
    const tables: Array<{ table_name: string }> = await db.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
      [db.schema],
    );
    const found: Array<{ table: string; row: string }> = [];
    for (const { table_name: table } of tables) {
      const rows: Array<{ row: string }> = await db.dataSource.query(
        `SELECT t::text AS row FROM "${table}" t WHERE t::text ILIKE ANY($1::text[])`,
        [needles.map((n) => `%${n}%`)],
      );
      found.push(...rows.map((r) => ({ table, row: r.row })));
    }
    return found;
  }

  it('deletes the alerts of every status, their matches and their outbox events, and tombstones each alert with the confirmation', async () => {
    const active = await alertWithMatch('cand-m-erased', 'nadia.erased@example.org', 'active');
    const pending = await alertWithMatch('cand-m-erased', 'nadia.other@example.org', 'pending');
    const kept = await alertWithMatch('cand-m-kept', 'kept@example.org', 'active');

    const erased = await sut.eraseAndConfirm('cand-m-erased', ERASURE_ID, AT);

    expect(erased.alertIds.sort()).toEqual([active.id, pending.id].sort());
    expect(erased).toMatchObject({ matches: 2, outboxEvents: 2 });
    expect(await rowsMentioning('cand-m-erased', 'nadia.erased@example.org', 'nadia.other@')).toEqual([]);
    const out: Array<{ topic: string; message_key: string; value: string }> = await db.dataSource.query(
      `SELECT topic, message_key, value FROM outbox WHERE message_key = ANY($1::text[]) ORDER BY id`,
      [[active.id, pending.id, ERASURE_ID]],
    );
    expect(out.slice(0, 2).map((r) => [r.topic, r.value])).toEqual([
      [TOPICS.alertChanged, TOMBSTONE_VALUE],
      [TOPICS.alertChanged, TOMBSTONE_VALUE],
    ]);
    expect(out[2]!.topic).toBe(TOPICS.erasureConfirmed);
    expect(JSON.parse(out[2]!.value)).toMatchObject({
      erasureId: ERASURE_ID,
      service: 'alert-matcher',
      erased: { alerts: 2, matches: 2, outboxEvents: 2, keys: 0 },
    });
    expect(await alerts.find(kept.id)).toMatchObject({ email: 'kept@example.org' });
    expect((await rowsMentioning(kept.id)).map((r) => r.table).sort()).toEqual([
      'alerts',
      'matches',
      'outbox',
    ]);
  });

  it('finds nothing on a replay: no tombstone, a confirmation with zero counts', async () => {
    await alertWithMatch('cand-m-twice', 'twice@example.org', 'active');
    await sut.eraseAndConfirm('cand-m-twice', ERASURE_ID, AT);

    expect(await sut.eraseAndConfirm('cand-m-twice', ERASURE_ID, AT)).toEqual({
      alertIds: [],
      matches: 0,
      outboxEvents: 0,
      keys: 0,
    });
  });

  it('destroys the candidate’s key in the erasure: a match sealed before it can no longer be opened', async () => {
    await alertWithMatch('cand-m-sealed', 'sealed@example.org', 'active');
    const sealed = await cipher.encrypt('cand-m-sealed', JSON.stringify({ candidateId: 'cand-m-sealed' }));
    const other = await cipher.encrypt('cand-m-other', JSON.stringify({ candidateId: 'cand-m-other' }));

    expect(await sut.eraseAndConfirm('cand-m-sealed', ERASURE_ID, AT)).toMatchObject({ keys: 1 });

    expect(isSubjectErased(await cipher.open(sealed).catch((e: unknown) => e))).toBe(true);
    expect((await cipher.open(other)).subjectId).toBe('cand-m-other');
    const keyRows: unknown[] = await db.dataSource.query(
      `SELECT 1 FROM "${db.schema}_keys".candidate_keys WHERE subject_id = 'cand-m-sealed'`,
    );
    expect(keyRows).toEqual([]);
  });
});
