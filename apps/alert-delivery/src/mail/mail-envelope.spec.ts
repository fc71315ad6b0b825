import { TransientError } from '@vigie/messaging';
import { SuppressionList, SuppressionSource } from '../suppression/suppression-list.port';
import { mailEnvelope, sendEnvelope } from './mail-envelope';
import { Mailer, OutgoingMail, PermanentMailError } from './mailer.port';
import { messageIdOf } from './message-id';

const CONTENT = { subject: 'Nouvelle offre : Aide-soignant', text: 'Bonjour', html: '<p>Bonjour</p>' };
const UNSUBSCRIBE = 'https://alertes.vigie.example/c/alerts/unsubscribe?t=abc.def';

class RecordingSuppressions extends SuppressionList {
  readonly suppressed: Array<{ address: string; source: SuppressionSource }> = [];
  async suppressedAmong(): Promise<Set<string>> {
    return new Set();
  }
  async suppress(address: string, _reason: string, source: SuppressionSource): Promise<void> {
    this.suppressed.push({ address, source });
  }
}

class FailingMailer extends Mailer {
  constructor(private readonly error: unknown) {
    super();
  }
  async send(_mail: OutgoingMail): Promise<void> {
    throw this.error;
  }
}

const envelope = (patch: Partial<Parameters<typeof mailEnvelope>[0]> = {}) =>
  mailEnvelope({
    ledgerKey: 'group:a1:m1:1',
    mailDomain: 'vigie.example',
    to: 'camille@example.org',
    alertId: 'a1',
    content: CONTENT,
    unsubscribe: UNSUBSCRIBE,
    ...patch,
  });

describe('mailEnvelope', () => {
  it('derives the Message-ID from the ledger key, so a resend after a crash carries the same one', () => {
    expect(envelope().messageId).toBe(messageIdOf('group:a1:m1:1', 'vigie.example'));
    expect(envelope().messageId).toBe(envelope().messageId);
  });

  it('carries the RFC 8058 one-click headers pointing at the unsubscribe link', () => {
    expect(envelope().headers).toMatchObject({
      'List-Unsubscribe': `<${UNSUBSCRIBE}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
      'X-Vigie-Alert-Id': 'a1',
    });
  });

  it('leaves the unsubscribe headers off an e-mail that is not a subscription', () => {
    const headers = envelope({ unsubscribe: null }).headers;
    expect(headers['List-Unsubscribe']).toBeUndefined();
    expect(headers['List-Unsubscribe-Post']).toBeUndefined();
  });

  it('folds CR/LF out of the subject and of every header value (E1)', () => {
    const mail = envelope({
      content: { ...CONTENT, subject: 'Aide-soignant\r\nBcc: victim@example.org' },
      headers: { 'X-Vigie-Offer-Id': 'o1\r\nBcc: victim@example.org' },
      unsubscribe: `${UNSUBSCRIBE}\r\nBcc: victim@example.org`,
    });
    expect(mail.subject).toBe('Aide-soignant Bcc: victim@example.org');
    for (const value of [mail.subject, ...Object.values(mail.headers)]) expect(value).not.toMatch(/[\r\n]/);
  });
});

describe('sendEnvelope', () => {
  it('suppresses the address when the relay refused the recipient', async () => {
    const suppressions = new RecordingSuppressions();
    const result = await sendEnvelope(
      new FailingMailer(new PermanentMailError('550 no such user', 550, true)),
      suppressions,
      envelope(),
    );
    expect(result.kind).toBe('rejected');
    expect(suppressions.suppressed).toEqual([{ address: 'camille@example.org', source: 'smtp_reply' }]);
  });

  it('keeps the address on another permanent refusal, and tells a transient failure from a bug', async () => {
    const suppressions = new RecordingSuppressions();
    const refused = await sendEnvelope(
      new FailingMailer(new PermanentMailError('554 rejected', 554)),
      suppressions,
      envelope(),
    );
    const transient = await sendEnvelope(
      new FailingMailer(new TransientError('421 try later')),
      suppressions,
      envelope(),
    );
    const bug = await sendEnvelope(new FailingMailer(new TypeError('boom')), suppressions, envelope());
    expect([refused.kind, transient.kind, bug.kind]).toEqual(['rejected', 'transient', 'bug']);
    expect(suppressions.suppressed).toEqual([]);
  });
});
