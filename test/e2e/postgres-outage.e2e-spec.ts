import { TOPICS } from '@vigie/contracts';
import {
  createStack,
  eventually,
  freePort,
  offerInput,
  readTopic,
  ServiceProcess,
  SmtpCapture,
  Stack,
  TcpProxy,
  testInfra,
  testKafka,
  VigieApi,
} from '@vigie/testing';

/**
 * F12: Postgres goes away (the link is cut, as a restart does to every connection) while offers
 * are published and the relay runs. The API answers 503, then recovers on its own; every offer it
 * acknowledged reaches Kafka: no outbox row is lost.
 */
describe('F12: Postgres outage during publication and relay', () => {
  const smtp = new SmtpCapture();
  const kafka = testKafka(testInfra().kafkaBrokers);
  let stack: Stack;
  let link: TcpProxy;
  let ingestion: ServiceProcess;
  let api: VigieApi;

  beforeAll(async () => {
    await smtp.start();
    stack = await createStack('e2e-f12', smtp.url);
    const database = new URL(testInfra().databaseUrl);
    link = await TcpProxy.create({ host: database.hostname, port: Number(database.port || 5432) });
    await link.restore();
    const throughLink = new URL(testInfra().databaseUrl);
    throughLink.host = link.address;
    ingestion = new ServiceProcess(
      'offer-ingestion',
      {
        ...stack.envOf('offer-ingestion'),
        HTTP_PORT: String(await freePort()),
        DATABASE_URL: throughLink.toString(),
        OUTBOX_POLL_INTERVAL_MS: '200',
      },
      `${stack.id}-f12`,
    );
    ingestion.start();
    await ingestion.ready();
    api = new VigieApi({ ingestion: ingestion.url, alerts: 'http://127.0.0.1:9' });
  });

  afterAll(async () => {
    await ingestion?.stop();
    await link?.cut();
    await stack?.stop();
    await smtp.stop();
  });

  it('answers 503 while Postgres is unreachable, recovers, and relays every acknowledged offer', async () => {
    const key = (await api.createRecruiter('Recruteur F12')).body.apiKey;
    const before = await api.publishOffers(
      key,
      [1, 2, 3].map((i) => offerInput({ externalRef: `F12-BEFORE-${i}` })),
    );
    expect(before.status).toBe(200);

    // Cut at once: the relay may be in the middle of publishing these rows.
    await link.cut();
    const during = await api.publishOffers(key, [offerInput({ externalRef: 'F12-DURING' })]);
    expect(during.status).toBe(503);
    expect((during.body as unknown as { error: { code: string } }).error.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect((await fetch(`${ingestion.url}/health/ready`)).status).toBe(503);

    await link.restore();
    const after = await eventually(
      async () => {
        const res = await api.publishOffers(key, [offerInput({ externalRef: 'F12-AFTER' })]);
        expect(res.status).toBe(200);
        return res;
      },
      { timeoutMs: 60_000 },
    );
    expect(after.body.accepted).toHaveLength(1);

    const acknowledged = ['F12-BEFORE-1', 'F12-BEFORE-2', 'F12-BEFORE-3', 'F12-AFTER'];
    await eventually(
      async () => {
        const announced = (await readTopic(kafka, `${stack.topicPrefix}${TOPICS.offerChanged}`))
          .map((m) => (JSON.parse(m.value!) as { externalRef: string }).externalRef)
          .filter((ref) => ref.startsWith('F12-'));
        expect([...new Set(announced)].sort()).toEqual(acknowledged.sort());
      },
      { timeoutMs: 60_000 },
    );
    // The refused offer was never stored, so it is never announced.
    const stored = await api.publishOffers(key, [offerInput({ externalRef: 'F12-DURING' })]);
    expect(stored.body.accepted[0]).toMatchObject({ outcome: 'created' });
  });
});
