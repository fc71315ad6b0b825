import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { MatchCreatedV2, SentOffersResponse, SentOffersResponseSchema, TOPICS } from '@vigie/contracts';
import { FakeClock } from '@vigie/kernel';
import { HttpExceptionFilter, INTERNAL_API_TOKEN, InternalTokenGuard } from '@vigie/platform';
import { goldenFixture, openTestDatabase, TEST_SECRETS, TestDatabase } from '@vigie/testing';
import pino from 'pino';
import { PgEmailLedger } from '../dispatch/pg-email-ledger';
import { ALERT_DELIVERY_MIGRATIONS } from '../migrations/alert-delivery-migrations';
import { PgPendingMatches } from '../projection/pg-pending-matches';
import { RecordMatchesUseCase } from '../projection/project-changes.usecase';
import { PgSentOffersQuery } from './pg-sent-offers.query';
import { SentOffersController } from './sent-offers.controller';
import { SentOffersQuery } from './sent-offers.port';

const TOKEN = TEST_SECRETS.INTERNAL_API_TOKEN;
const matchFixture = goldenFixture<MatchCreatedV2>(TOPICS.matchCreatedV2, 'instant');

/** The « last offers sent » of an alert: written by the ledger when an e-mail is sent, read over HTTP. */
describe('sent offers of an alert on Postgres', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;
  const clock = new FakeClock('2026-12-01T09:00:00.000Z');

  const get = async (path: string, token: string | null = TOKEN) => {
    const res = await fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, body: (await res.json()) as SentOffersResponse };
  };

  /** Records matches of one alert as waiting, then one e-mail that showed them, as dispatch does. */
  async function sendEmail(alertId: string, candidateId: string, titles: string[], sentAt: Date) {
    const matches = titles.map((title) => ({
      ...matchFixture,
      matchId: randomUUID(),
      alertId,
      candidateId,
      offerId: randomUUID(),
      clusterId: null,
      offer: { ...matchFixture.offer, title },
    }));
    await new RecordMatchesUseCase(new PgPendingMatches(db.dataSource), clock).execute(matches);
    const ledger = new PgEmailLedger(db.dataSource);
    const key = `group:${alertId}:${matches[0]!.matchId}:${sentAt.getTime()}`;
    const claims = await ledger.claim([{ key, candidateId, messageId: `<${key}@test>` }], 'int', 60_000);
    expect(claims.get(key)).toMatchObject({ claimed: true });
    await ledger.markSent(
      [
        {
          key,
          candidateId,
          shown: matches.map((m) => ({ offerId: m.offerId, clusterId: null })),
          consumed: matches.map((m) => m.matchId),
        },
      ],
      sentAt,
    );
    return matches;
  }

  beforeAll(async () => {
    db = await openTestDatabase('sent_offers', ALERT_DELIVERY_MIGRATIONS);
    const moduleRef = await Test.createTestingModule({
      controllers: [SentOffersController],
      providers: [
        { provide: SentOffersQuery, useValue: new PgSentOffersQuery(db.dataSource) },
        { provide: INTERNAL_API_TOKEN, useValue: TOKEN },
        InternalTokenGuard,
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new HttpExceptionFilter(pino({ level: 'silent' })));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('lists what the alert’s e-mails showed, newest first, with the offer summary', async () => {
    const alertId = randomUUID();
    const other = randomUUID();
    const first = await sendEmail(
      alertId,
      'cand-a',
      ['Soudeur TIG', 'Chaudronnier'],
      new Date('2026-12-01T08:00:00Z'),
    );
    const second = await sendEmail(alertId, 'cand-a', ['Tuyauteur'], new Date('2026-12-01T09:00:00Z'));
    await sendEmail(other, 'cand-a', ['Serrurier'], new Date('2026-12-01T10:00:00Z'));

    const got = await get(`/internal/v1/alerts/${alertId}/sent-offers`);

    expect(got.status).toBe(200);
    const offers = SentOffersResponseSchema.parse(got.body).offers;
    expect(offers).toHaveLength(3);
    expect(
      offers
        .slice(1)
        .map((o) => o.title)
        .sort(),
    ).toEqual(['Chaudronnier', 'Soudeur TIG']);
    expect(offers[0]).toMatchObject({
      offerId: second[0]!.offerId,
      title: 'Tuyauteur',
      companyName: matchFixture.offer.companyName,
      sentAt: '2026-12-01T09:00:00.000Z',
    });
    expect(
      offers
        .slice(1)
        .map((o) => o.offerId)
        .sort(),
    ).toEqual(first.map((m) => m.offerId).sort());
    expect((await get(`/internal/v1/alerts/${alertId}/sent-offers?limit=1`)).body.offers).toHaveLength(1);
    expect((await get(`/internal/v1/alerts/${randomUUID()}/sent-offers`)).body.offers).toEqual([]);
  });

  it('answers 401 without the internal token, 400 for a bad limit and 404 for a malformed id', async () => {
    const path = `/internal/v1/alerts/${randomUUID()}/sent-offers`;
    expect((await get(path, null)).status).toBe(401);
    expect((await get(path, `${TOKEN}x`)).status).toBe(401);
    expect((await get(`${path}?limit=0`)).status).toBe(400);
    expect((await get(`${path}?limit=abc`)).status).toBe(400);
    expect((await get('/internal/v1/alerts/not-a-uuid/sent-offers')).status).toBe(404);
  });
});
