import { ENVELOPE_HEADERS, TOPICS } from '@vigie/contracts';
import {
  eventually,
  freePort,
  offerInput,
  readTopic,
  ServiceProcess,
  TcpProxy,
  testInfra,
  useRunningStack,
  VigieApi,
} from '@vigie/testing';

/** Faults from the catalogue, injected into the running services. */
describe('faults', () => {
  const env = useRunningStack('e2e-faults');

  it('F8: a relay crash between publish and mark duplicates the event but not the e-mail', async () => {
    const email = 'leila.benali@example.org';
    expect(
      (await env.api.createAlert(env.api.candidateToken('cand-leila', email), { keywords: ['soudeur'] }))
        .status,
    ).toBe(201);
    const apiKey = (await env.api.createRecruiter('Chantiers de l’Atlantique')).body.apiKey;

    // Restart ingestion with the crash point armed: it dies right after Kafka acknowledged the event.
    // The recruiter's account event must be relayed first, or the armed relay would crash on it.
    const ingestion = env.stack.services['offer-ingestion'];
    await eventually(async () => expect(await outboxBacklog(ingestion.url)).toBe(0), { timeoutMs: 30_000 });
    await ingestion.stop();
    ingestion.start({ FAULT_INJECTION: 'outbox.crash-after-publish' });
    await ingestion.ready();
    const offer = offerInput({
      externalRef: 'F8-1',
      title: 'Soudeur TIG (H/F)',
      description: 'Soudure inox en atelier.',
    });
    expect((await env.api.publishOffers(apiKey, [offer])).status).toBe(200);
    expect(await ingestion.waitForExit()).toBe(-1);

    // Back without the fault: the row was never marked, so the relay publishes it again.
    ingestion.start();
    await ingestion.ready();
    const changes = await eventually(
      async () => {
        const all = (await readTopic(env.kafka, env.topic(TOPICS.offerChanged))).filter((m) =>
          m.value?.includes('"F8-1"'),
        );
        expect(all).toHaveLength(2);
        return all;
      },
      { timeoutMs: 60_000 },
    );
    expect(changes[0]!.headers[ENVELOPE_HEADERS.eventId]).toBe(changes[1]!.headers[ENVELOPE_HEADERS.eventId]);

    await eventually(() => expect(env.smtp.to(email)).toHaveLength(1), { timeoutMs: 60_000 });
    // Both copies have gone through indexing and matching by now; still one e-mail.
    await eventually(async () => {
      const indexed = (await readTopic(env.kafka, env.topic(TOPICS.offerIndexed))).filter((m) =>
        m.value?.includes('Soudeur TIG'),
      );
      expect(indexed.length).toBeGreaterThanOrEqual(2);
    });
    await new Promise((r) => setTimeout(r, 3_000));
    expect(env.smtp.to(email)).toHaveLength(1);
  });

  it('F2: a crash after the relay accepted an e-mail but before the ledger recorded it resends it once, flagged', async () => {
    const email = 'jade.moreau@example.org';
    expect(
      (await env.api.createAlert(env.api.candidateToken('cand-jade', email), { keywords: ['charpentier'] }))
        .status,
    ).toBe(201);
    const apiKey = (await env.api.createRecruiter('Charpentes du Jura')).body.apiKey;
    const delivery = env.stack.services['alert-delivery'];
    await delivery.stop();
    delivery.start({ FAULT_INJECTION: 'delivery.crash-after-send', DELIVERY_LEASE_MS: '2000' });
    await delivery.ready();

    const offer = offerInput({
      externalRef: 'F2-1',
      title: 'Charpentier bois',
      description: 'Charpente traditionnelle.',
    });
    expect((await env.api.publishOffers(apiKey, [offer])).status).toBe(200);
    expect(await delivery.waitForExit()).toBe(-1);
    expect(env.smtp.to(email)).toHaveLength(1);

    // The restarted worker takes the delivery over once the crashed one's lease expires.
    delivery.start();
    await delivery.ready();
    const mails = await eventually(
      () => {
        const received = env.smtp.to(email);
        expect(received).toHaveLength(2);
        return received;
      },
      { timeoutMs: 60_000 },
    );
    expect(mails[1]!.header('Message-ID')).toBe(mails[0]!.header('Message-ID'));
    // The outcome is counted once the ledger records the send, just after the SMTP server has the mail.
    await eventually(async () => {
      const metrics = await (await fetch(`${delivery.url}/metrics`)).text();
      expect(metrics).toMatch(/alert_emails_total\{kind="instant",outcome="resent_after_crash"\} 1/);
    });
  });

  it('F6: with Kafka unreachable, offers are still accepted and wait in the outbox until it is back', async () => {
    const infra = testInfra();
    const [kafkaHost, kafkaPort] = infra.kafkaBrokers.split(',')[0]!.split(':');
    const kafkaLink = await TcpProxy.create({ host: kafkaHost!, port: Number(kafkaPort) });
    const ingestion = new ServiceProcess(
      'offer-ingestion',
      {
        ...env.stack.envOf('offer-ingestion'),
        HTTP_PORT: String(await freePort()),
        KAFKA_BROKERS: kafkaLink.address,
        DATABASE_SCHEMA: `${env.stack.envOf('offer-ingestion').DATABASE_SCHEMA}_f6`,
      },
      `${env.stack.id}-f6`,
    );
    try {
      ingestion.start();
      await ingestion.ready();
      const ready = (await (await fetch(`${ingestion.url}/health/ready`)).json()) as {
        checks: Record<string, { up: boolean; critical?: boolean }>;
      };
      expect(ready.checks.kafka).toMatchObject({ up: false, critical: false });

      const local = new VigieApi({
        ingestion: ingestion.url,
        alerts: env.stack.services['alert-matcher'].url,
      });
      const key = (await local.createRecruiter('Recruteur F6')).body.apiKey;
      // The new recruiter's account event waits in the outbox too.
      const before = await outboxBacklog(ingestion.url);
      const published = await local.publishOffers(key, [
        offerInput({ externalRef: 'F6-1' }),
        offerInput({ externalRef: 'F6-2' }),
      ]);
      expect(published.status).toBe(200);
      const backlog = () => outboxBacklog(ingestion.url);
      expect(await backlog()).toBe(before + 2);

      await kafkaLink.restore();
      await eventually(async () => expect(await backlog()).toBe(0), { timeoutMs: 90_000 });
      const changed = await readTopic(env.kafka, env.topic(TOPICS.offerChanged));
      expect(changed.filter((m) => /"F6-[12]"/.test(m.value ?? ''))).toHaveLength(2);
    } finally {
      await ingestion.stop();
      await kafkaLink.cut();
    }
  });

  it('a service started while Kafka and OpenSearch are unreachable is live but not ready, then recovers', async () => {
    const infra = testInfra();
    const [kafkaHost, kafkaPort] = infra.kafkaBrokers.split(',')[0]!.split(':');
    const search = new URL(infra.searchUrl);
    const kafkaLink = await TcpProxy.create({ host: kafkaHost!, port: Number(kafkaPort) });
    const searchLink = await TcpProxy.create({ host: search.hostname, port: Number(search.port) });
    const indexer = new ServiceProcess(
      'offer-indexer',
      {
        ...env.stack.envOf('offer-indexer'),
        HTTP_PORT: String(await freePort()),
        KAFKA_BROKERS: kafkaLink.address,
        SEARCH_URL: `http://${searchLink.address}`,
        KAFKA_GROUP_ID: 'offer-indexer-recovery',
      },
      `${env.stack.id}-recovery`,
    );
    try {
      indexer.start();
      await eventually(async () => {
        const live = await fetch(`${indexer.url}/health/live`);
        expect(live.status).toBe(200);
      });
      const notReady = await fetch(`${indexer.url}/health/ready`);
      expect(notReady.status).toBe(503);
      const body = (await notReady.json()) as { checks: Record<string, { up: boolean }> };
      expect(body.checks.kafka?.up).toBe(false);
      expect(body.checks.opensearch?.up).toBe(false);
      expect(body.checks.postgres?.up).toBe(true);

      await kafkaLink.restore();
      await searchLink.restore();
      await indexer.ready(120_000);
    } finally {
      await indexer.stop();
      await kafkaLink.cut();
      await searchLink.cut();
    }
  });
});

/** Outbox rows a service has not published yet, from its metrics. */
async function outboxBacklog(serviceUrl: string): Promise<number> {
  return Number(/^outbox_backlog (\d+)/m.exec(await (await fetch(`${serviceUrl}/metrics`)).text())?.[1]);
}
