import { generateKeyPairSync } from 'node:crypto';
import { SmtpCapture } from '@vigie/testing';
import { SMTPServer } from 'smtp-server';
import { AddressInfo } from 'node:net';
import { TransientError } from '@vigie/messaging';
import { PermanentMailError } from './mailer.port';
import { SmtpMailer } from './smtp-mailer';

const mail = {
  to: 'alex.petit@example.org',
  subject: 'Nouvelle offre : Infirmier de nuit',
  text: 'Bonjour',
  html: '<p>Bonjour</p>',
  messageId: '<abc123@vigie.localhost>',
  headers: {
    'List-Unsubscribe': '<http://127.0.0.1/u>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
};

describe('SmtpMailer against a real SMTP server', () => {
  it('hands the message to the relay with its envelope, subject, Message-ID and headers', async () => {
    const capture = await new SmtpCapture().start();
    const sut = new SmtpMailer({
      url: capture.url,
      from: 'Vigie <alertes@vigie.localhost>',
      requireTls: false,
      maxConnections: 1,
    });
    try {
      await sut.send(mail);
      expect(capture.messages).toHaveLength(1);
      const received = capture.messages[0]!;
      expect(received.envelopeTo).toEqual(['alex.petit@example.org']);
      expect(received.subject).toBe('Nouvelle offre : Infirmier de nuit');
      expect(received.raw?.messageId).toBe('<abc123@vigie.localhost>');
      expect(received.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(await sut.check()).toEqual({ up: true });
    } finally {
      sut.close();
      await capture.stop();
    }
  });

  it('DKIM-signs the message with the configured domain and selector when a key is set', async () => {
    const capture = await new SmtpCapture().start();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const sut = new SmtpMailer({
      url: capture.url,
      from: 'Vigie <alertes@vigie.localhost>',
      requireTls: false,
      maxConnections: 1,
      ratePerSecond: 10,
      dkim: {
        domainName: 'vigie.localhost',
        keySelector: 'mai2026',
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
    });
    try {
      await sut.send(mail);
      const signature = capture.messages[0]!.header('DKIM-Signature');
      expect(signature).toMatch(/\bd=vigie\.localhost;/);
      expect(signature).toMatch(/\bs=mai2026;/);
      expect(signature).toMatch(/\bh=[^;]*List-Unsubscribe/i);
    } finally {
      sut.close();
      await capture.stop();
    }
  });

  it('tells a permanent refusal (5xx) from an unreachable relay', async () => {
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (_address, _session, callback) =>
        callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 })),
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const port = (refusing.server.address() as AddressInfo).port;
    const sut = new SmtpMailer({
      url: `smtp://127.0.0.1:${port}`,
      from: 'alertes@vigie.localhost',
      requireTls: false,
      maxConnections: 1,
    });
    const unreachable = new SmtpMailer({
      url: 'smtp://127.0.0.1:9',
      from: 'alertes@vigie.localhost',
      requireTls: false,
      maxConnections: 1,
    });
    try {
      await expect(sut.send(mail)).rejects.toBeInstanceOf(PermanentMailError);
      await expect(unreachable.send(mail)).rejects.toBeInstanceOf(TransientError);
    } finally {
      sut.close();
      unreachable.close();
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});
