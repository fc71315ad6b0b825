import { readFileSync } from 'node:fs';
import { freePort, ServiceProcess, testInfra, TEST_SECRETS, uniqueId, VigieApi } from '@vigie/testing';

/** Typed configuration that fails at boot, and secrets that never reach the logs. */
describe('service configuration', () => {
  it('refuses to start on a bad variable and names every bad one, without echoing values', async () => {
    const sut = new ServiceProcess(
      'offer-ingestion',
      {
        HTTP_PORT: String(await freePort()),
        DATABASE_URL: 'mysql://db.internal/vigie',
        KAFKA_BROKERS: '127.0.0.1:9092',
        ADMIN_TOKEN: 'tooshort-XYZ',
      },
      uniqueId('config-bad'),
    );
    sut.start();
    expect(await sut.waitForExit()).toBe(1);
    const log = readFileSync(sut.logFile, 'utf8');
    expect(log).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
    expect(log).toContain('ADMIN_TOKEN: must be at least 24 characters');
    expect(log).not.toContain('tooshort-XYZ');
    expect(log).not.toContain('db.internal');
  });

  it('logs its configuration at start with secrets masked, and never logs API keys it issues', async () => {
    const infra = testInfra();
    const sut = new ServiceProcess(
      'offer-ingestion',
      {
        HTTP_PORT: String(await freePort()),
        DATABASE_URL: infra.databaseUrl,
        DATABASE_SCHEMA: uniqueId('config').replace(/-/g, '_'),
        KAFKA_BROKERS: infra.kafkaBrokers,
        KAFKA_TOPIC_PREFIX: `${uniqueId('config')}.`,
        ADMIN_TOKEN: TEST_SECRETS.ADMIN_TOKEN,
      },
      uniqueId('config-ok'),
    );
    try {
      sut.start();
      await sut.ready();
      const issued = await new VigieApi({ ingestion: sut.url, alerts: 'http://127.0.0.1:9' }).createRecruiter(
        'Recruteur discret',
      );
      expect(issued.status).toBe(201);
      await sut.stop();

      const log = readFileSync(sut.logFile, 'utf8');
      const startLine = log.split('\n').find((l) => l.includes('offer-ingestion listening'));
      expect(JSON.parse(startLine!)).toMatchObject({ config: { ADMIN_TOKEN: '***', DATABASE_URL: '***' } });
      expect(log).not.toContain(TEST_SECRETS.ADMIN_TOKEN);
      expect(log).not.toContain(issued.body.apiKey);
      expect(log).not.toContain(infra.databaseUrl);
    } finally {
      await sut.stop();
    }
  });
});
