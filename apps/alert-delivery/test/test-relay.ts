import { SmtpCapture, TEST_SECRETS } from '@vigie/testing';
import type { DeliverySettings } from '../src/delivery/deliver-matches.usecase';
import { SmtpMailer } from '../src/mail/smtp-mailer';

export interface TestRelay {
  smtp: SmtpCapture;
  mailer: SmtpMailer;
  stop(): Promise<void>;
}

/** A real SMTP server capturing every message, and the service's own mailer pointed at it. */
export async function startTestRelay(): Promise<TestRelay> {
  const smtp = await new SmtpCapture().start();
  const mailer = new SmtpMailer({
    url: smtp.url,
    from: 'Vigie <alertes@vigie.localhost>',
    requireTls: false,
    maxConnections: 2,
  });
  return {
    smtp,
    mailer,
    stop: async () => {
      mailer.close();
      await smtp.stop();
    },
  };
}

/** Delivery settings of the int tests (one owner, a minute's lease, the test domain). */
export const TEST_DELIVERY_SETTINGS: DeliverySettings = {
  alertsPublicUrl: 'http://127.0.0.1:3004',
  unsubscribeSecret: TEST_SECRETS.UNSUBSCRIBE_SECRET,
  leaseMs: 60_000,
  mailDomain: 'vigie.localhost',
  owner: 'int-test',
  concurrency: 2,
};
