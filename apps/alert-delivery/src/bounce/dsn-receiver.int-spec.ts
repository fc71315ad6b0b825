import { randomUUID } from 'node:crypto';
import { AlertChangedV1, TOPICS } from '@vigie/contracts';
import { MetricsRegistry } from '@vigie/observability';
import { goldenFixture, openTestDatabase, TestDatabase } from '@vigie/testing';
import { createTransport } from 'nodemailer';
import pino from 'pino';
import { PgCandidateAddresses } from '../candidate-notices/pg-candidate-addresses';
import { PgEmailLedger } from '../dispatch/pg-email-ledger';
import { ALERT_DELIVERY_MIGRATIONS } from '../migrations/alert-delivery-migrations';
import { PgAlertProjection } from '../projection/pg-alert-projection';
import { PgSuppressionList } from '../suppression/pg-suppression-list';
import { DsnReceiver } from './dsn-receiver';
import { RecordBounceUseCase } from './record-bounce.usecase';

const alertFixture = goldenFixture<AlertChangedV1>(TOPICS.alertChanged, 'active');

/** A DSN as a relay writes it (RFC 3464), returning the headers of the message that bounced. */
function dsn(recipient: string, status: string, returnedMessageId: string): string {
  return [
    'From: Mail Delivery System <MAILER-DAEMON@relay.example.net>',
    'To: bounces@vigie.localhost',
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"',
    '',
    '--B1',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'The message could not be delivered.',
    '',
    '--B1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; relay.example.net',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    `Action: ${status.startsWith('5') ? 'failed' : 'delayed'}`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; ${status.startsWith('5') ? '550' : '451'} ${status} mailbox`,
    '',
    '--B1',
    'Content-Type: text/rfc822-headers',
    '',
    'From: Vigie Alertes <alertes@vigie.localhost>',
    `To: ${recipient}`,
    `Message-ID: ${returnedMessageId}`,
    'Subject: Nouvelle offre',
    '',
    '--B1--',
    '',
  ].join('\r\n');
}

describe('DsnReceiver on a real SMTP connection and Postgres', () => {
  let db: TestDatabase;
  let receiver: DsnReceiver;
  let suppressions: PgSuppressionList;
  let ledger: PgEmailLedger;
  let alerts: PgAlertProjection;

  async function sentTo(email: string): Promise<string> {
    const alert: AlertChangedV1 = {
      ...alertFixture,
      alertId: randomUUID(),
      candidateId: `cand-${randomUUID().slice(0, 8)}`,
      contact: { email },
    };
    await alerts.apply([{ kind: 'state', alert }]);
    const messageId = `<${randomUUID().replace(/-/g, '')}@vigie.localhost>`;
    const key = `group:${alert.alertId}:${randomUUID()}:1`;
    await ledger.claim([{ key, candidateId: alert.candidateId, messageId }], 'int-test', 60_000);
    await ledger.markSent([{ key, candidateId: alert.candidateId, shown: [], consumed: [] }], new Date());
    return messageId;
  }

  /** Hands a raw message to the receiver over SMTP; resolves once it answered 250. */
  async function deliver(raw: string): Promise<void> {
    const transport = createTransport({
      host: '127.0.0.1',
      port: receiver.port,
      secure: false,
      ignoreTLS: true,
    });
    try {
      await transport.sendMail({
        envelope: { from: '', to: 'bounces@vigie.localhost' },
        raw,
      });
    } finally {
      transport.close();
    }
  }

  beforeAll(async () => {
    db = await openTestDatabase('bounces', ALERT_DELIVERY_MIGRATIONS);
    suppressions = new PgSuppressionList(db.dataSource);
    ledger = new PgEmailLedger(db.dataSource);
    alerts = new PgAlertProjection(db.dataSource);
    receiver = new DsnReceiver(
      { host: '127.0.0.1', port: 0 },
      new RecordBounceUseCase(
        ledger,
        alerts,
        new PgCandidateAddresses(db.dataSource),
        suppressions,
        new MetricsRegistry(),
      ),
      pino({ level: 'silent' }),
    );
    await receiver.onApplicationBootstrap();
  });

  afterAll(async () => {
    await receiver?.onApplicationShutdown();
    await db?.drop();
  });

  it('suppresses an address whose e-mail bounced for good, once, and ignores a delay', async () => {
    const gone = `gone-${randomUUID().slice(0, 6)}@example.org`;
    const slow = `slow-${randomUUID().slice(0, 6)}@example.org`;
    const goneId = await sentTo(gone);
    const slowId = await sentTo(slow);

    await deliver(dsn(gone, '5.1.1', goneId));
    await deliver(dsn(gone, '5.1.1', goneId));
    await deliver(dsn(slow, '4.4.1', slowId));

    expect(await suppressions.suppressedAmong([gone, slow])).toEqual(new Set([gone]));
    const rows: Array<{ source: string; reason: string }> = await db.dataSource.query(
      `SELECT source, reason FROM suppressed_addresses`,
    );
    expect(rows).toEqual([{ source: 'bounce', reason: expect.stringContaining('DSN 5.1.1') }]);
  });

  it('suppresses the notification address of a CV e-mail that bounced for good', async () => {
    const candidateId = `cand-${randomUUID().slice(0, 8)}`;
    const email = `cv-${randomUUID().slice(0, 6)}@example.org`;
    await new PgCandidateAddresses(db.dataSource).apply([
      { kind: 'address', candidateId, email, changedAt: new Date() },
    ]);
    const messageId = `<${randomUUID().replace(/-/g, '')}@vigie.localhost>`;
    const key = `cv:contact-request:${randomUUID()}`;
    await ledger.claim([{ key, candidateId, messageId }], 'int-test', 60_000);
    await ledger.markSent([{ key, candidateId, shown: [], consumed: [] }], new Date());

    await deliver(dsn(email, '5.1.1', messageId));

    expect(await suppressions.suppressedAmong([email])).toEqual(new Set([email]));
  });

  it('trusts no report that returns a message it did not send, or names someone else', async () => {
    const victim = `victim-${randomUUID().slice(0, 6)}@example.org`;
    const attacker = `attacker-${randomUUID().slice(0, 6)}@example.org`;
    await sentTo(victim);
    const attackersOwn = await sentTo(attacker);

    await deliver(dsn(victim, '5.1.1', '<0123456789abcdef0123456789abcdef@vigie.localhost>'));
    await deliver(dsn(victim, '5.1.1', attackersOwn));
    await deliver(
      'From: someone@example.net\r\nTo: bounces@vigie.localhost\r\nSubject: hello\r\n\r\nStatus: 5.1.1\r\n',
    );

    expect(await suppressions.suppressedAmong([victim])).toEqual(new Set());
  });
});
