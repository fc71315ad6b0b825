import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AlertChangedV1, alertChangedV1, SearchCriteriaSchema } from '@vigie/contracts';
import { TypeOrmUnitOfWork, UnitOfWork } from '@vigie/database';
import { loadGazetteer } from '@vigie/geo';
import { Clock, SystemClock } from '@vigie/kernel';
import { OutboxWriter } from '@vigie/messaging';
import { HttpExceptionFilter } from '@vigie/platform';
import { openTestDatabase, TestDatabase, TEST_SECRETS } from '@vigie/testing';
import pino from 'pino';
import { AlertCriteriaPolicy } from '../alerts/alert-criteria';
import { AlertRepository } from '../alerts/alert.repository';
import { ChangeAlertUseCase } from '../alerts/change-alert.usecase';
import { CreateAlertUseCase } from '../alerts/create-alert.usecase';
import { PgAlertRepository } from '../alerts/pg-alert.repository';
import { ALERT_MATCHER_MIGRATIONS } from '../migrations/alert-matcher-migrations';
import { InternalAlertsController } from './internal-alerts.controller';
import { INTERNAL_API_TOKEN, InternalTokenGuard } from './internal-token.guard';

const TOKEN = TEST_SECRETS.INTERNAL_API_TOKEN;

/** The internal API over HTTP, on Postgres, with the events it writes to the outbox. */
describe('internal alerts API on Postgres', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;
  let create: CreateAlertUseCase;

  const call = async (method: string, path: string, body?: unknown, token: string | null = TOKEN) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : null) as AlertChangedV1 & Record<string, unknown>,
    };
  };
  const announced = async (alertId: string): Promise<AlertChangedV1[]> => {
    const rows: Array<{ value: string }> = await db.dataSource.query(
      `SELECT value FROM outbox WHERE topic = $1 AND message_key = $2 ORDER BY id`,
      [alertChangedV1.topic, alertId],
    );
    return rows.map((r) => alertChangedV1.value.parse(JSON.parse(r.value)));
  };
  const pendingAlert = (email: string, q = 'soudeur') =>
    create.execute({ owner: { kind: 'address', email }, criteria: SearchCriteriaSchema.parse({ q }) });

  beforeAll(async () => {
    db = await openTestDatabase('internal', ALERT_MATCHER_MIGRATIONS);
    const places = loadGazetteer();
    const moduleRef = await Test.createTestingModule({
      controllers: [InternalAlertsController],
      providers: [
        { provide: UnitOfWork, useValue: new TypeOrmUnitOfWork(db.dataSource) },
        { provide: AlertRepository, useValue: new PgAlertRepository(db.dataSource) },
        { provide: OutboxWriter, useValue: new OutboxWriter(db.schema) },
        { provide: Clock, useValue: new SystemClock() },
        { provide: AlertCriteriaPolicy, useValue: new AlertCriteriaPolicy(places) },
        { provide: INTERNAL_API_TOKEN, useValue: TOKEN },
        InternalTokenGuard,
        ChangeAlertUseCase,
        {
          provide: CreateAlertUseCase,
          useFactory: (
            u: UnitOfWork,
            a: AlertRepository,
            o: OutboxWriter,
            p: AlertCriteriaPolicy,
            c: Clock,
          ) => new CreateAlertUseCase(u, a, o, p, c, 5),
          inject: [UnitOfWork, AlertRepository, OutboxWriter, AlertCriteriaPolicy, Clock],
        },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new HttpExceptionFilter(pino({ level: 'silent' })));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    create = app.get(CreateAlertUseCase);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('answers 401 without the internal token and 404 for an unknown or malformed id', async () => {
    const alert = await pendingAlert('lea.moreau@example.org');

    expect((await call('GET', `/internal/v1/alerts/${alert.id}`, undefined, null)).status).toBe(401);
    expect((await call('GET', `/internal/v1/alerts/${alert.id}`, undefined, `${TOKEN}x`)).status).toBe(401);
    expect((await call('GET', '/internal/v1/alerts/7c0f1e2d-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await call('POST', '/internal/v1/alerts/not-a-uuid/confirm')).status).toBe(404);
    const got = await call('GET', `/internal/v1/alerts/${alert.id}`);
    expect(got.status).toBe(200);
    expect(alertChangedV1.value.parse(got.body)).toMatchObject({
      alertId: alert.id,
      status: 'pending',
      version: 1,
    });
  });

  it('confirms, pauses, resumes, snoozes: each change bumps the version and is announced once', async () => {
    const alert = await pendingAlert('hugo.petit@example.org');
    const path = `/internal/v1/alerts/${alert.id}`;

    expect((await call('POST', `${path}/confirm`)).body).toMatchObject({ status: 'active', version: 2 });
    expect((await call('POST', `${path}/confirm`)).body).toMatchObject({ status: 'active', version: 2 });
    expect((await call('POST', `${path}/pause`)).body).toMatchObject({ status: 'paused', version: 3 });
    expect((await call('POST', `${path}/resume`)).body).toMatchObject({ status: 'active', version: 4 });
    const until = '2026-12-24T00:00:00.000Z';
    expect((await call('POST', `${path}/snooze`, { until })).body).toMatchObject({
      snoozedUntil: until,
      version: 5,
    });
    expect((await call('POST', `${path}/snooze`, { until: 'soon' })).status).toBe(400);

    expect((await announced(alert.id)).map((e) => [e.version, e.status, e.snoozedUntil])).toEqual([
      [1, 'pending', null],
      [2, 'active', null],
      [3, 'paused', null],
      [4, 'active', null],
      [5, 'active', until],
    ]);
  });

  it('refuses a change that makes no sense in the current status with 409', async () => {
    const alert = await pendingAlert('ines.garcia@example.org');

    const paused = await call('POST', `/internal/v1/alerts/${alert.id}/pause`);

    expect(paused.status).toBe(409);
    expect(paused.body).toMatchObject({
      error: { code: 'CONFLICT', fields: [{ field: 'status', reason: 'is pending' }] },
    });
  });

  it('edits criteria, frequency and schedule, validated as at creation', async () => {
    const alert = await pendingAlert('marc.lambert@example.org');
    const path = `/internal/v1/alerts/${alert.id}`;

    const bad = await call('PATCH', path, {
      criteria: { where: { kind: 'commune', communeCode: '99999', radiusKm: 10 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { fields: [{ field: 'criteria.where.communeCode', reason: 'is not a known commune' }] },
    });
    expect(
      (
        await call('PATCH', path, {
          criteria: { q: 'x', where: { kind: 'commune', communeCode: '44109', radiusKm: 500 } },
        })
      ).status,
    ).toBe(400);

    const edited = await call('PATCH', path, {
      criteria: { q: 'chaudronnier', where: { kind: 'commune', communeCode: '44109', radiusKm: 25 } },
      frequency: 'weekly',
      schedule: { weekday: 5 },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      version: 2,
      frequency: 'weekly',
      schedule: { timeZone: 'Europe/Paris', hour: 8, weekday: 5 },
      criteria: { q: 'chaudronnier', where: { kind: 'commune', communeCode: '44109', radiusKm: 25 } },
    });
    expect((await announced(alert.id)).at(-1)).toEqual(edited.body);
  });

  it('lists, unsubscribes all and deletes a candidate’s alerts', async () => {
    const first = await pendingAlert('zoe.bernard@example.org', 'cariste');
    const second = await pendingAlert('zoe.bernard@example.org', 'magasinier');
    const candidate = first.candidateId;

    const listed = await call('GET', `/internal/v1/candidates/${candidate}/alerts`);
    expect((listed.body as unknown as AlertChangedV1[]).map((a) => a.alertId).sort()).toEqual(
      [first.id, second.id].sort(),
    );

    expect((await call('DELETE', `/internal/v1/alerts/${second.id}`)).status).toBe(204);
    expect((await call('DELETE', `/internal/v1/alerts/${second.id}`)).status).toBe(404);
    expect((await call('GET', `/internal/v1/alerts/${second.id}`)).status).toBe(404);

    const all = await call('POST', `/internal/v1/candidates/${candidate}/unsubscribe-all`);
    expect((all.body as unknown as AlertChangedV1[]).map((a) => [a.alertId, a.status])).toEqual([
      [first.id, 'unsubscribed'],
    ]);
    expect((await call('POST', `/internal/v1/candidates/${candidate}/unsubscribe-all`)).body).toEqual([]);
    expect((await announced(second.id)).map((e) => e.status)).toEqual(['pending', 'deleted']);
  });
});
