import { MatchCreatedV1 } from '@vigie/contracts';
import { TransientError } from '@vigie/messaging';
import { FaultInjector, MetricsRegistry } from '@vigie/observability';
import { verifyUnsubscribeToken } from '@vigie/platform';
import { goldenFixture } from '@vigie/testing';
import { Mailer, OutgoingMail, PermanentMailError } from '../mail/mailer.port';
import { DeliverMatchUseCase, DeliverySettings } from './deliver-match.usecase';
import { ClaimResult, DeliveryLedger } from './delivery-ledger';

const SETTINGS: DeliverySettings = {
  alertsPublicUrl: 'https://alertes.vigie.example',
  unsubscribeSecret: 'unsubscribe-secret-for-unit-tests-0123456789',
  leaseMs: 60_000,
  mailDomain: 'vigie.example',
};

const match = () => goldenFixture<MatchCreatedV1>('alerts.match.created.v1', 'instant');
const KEY = `instant:${match().alertId}:${match().offerId}`;

class FakeLedger extends DeliveryLedger {
  readonly log: string[] = [];
  claimResult: ClaimResult = { claimed: true, attempt: 1 };
  readonly claim = jest.fn(async (key: string, _d: { alertId: string; offerId: string; matchId: string }, _leaseMs: number) => {
    this.log.push(`claim:${key}`);
    return this.claimResult;
  });
  readonly markSent = jest.fn(async (key: string, messageId: string) => void this.log.push(`sent:${key}:${messageId}`));
  readonly markFailed = jest.fn(async (key: string, reason: string) => void this.log.push(`failed:${key}:${reason}`));
}

class FakeMailer extends Mailer {
  readonly sent: OutgoingMail[] = [];
  failWith: Error | undefined = undefined;
  constructor(private readonly log: string[]) {
    super();
  }
  async send(mail: OutgoingMail): Promise<void> {
    this.log.push('send');
    if (this.failWith !== undefined) throw this.failWith;
    this.sent.push(mail);
  }
}

function makeSut(settings = SETTINGS) {
  const ledger = new FakeLedger();
  const mailer = new FakeMailer(ledger.log);
  const metrics = new MetricsRegistry();
  const sut = new DeliverMatchUseCase(ledger, mailer, settings, FaultInjector.none(), metrics);
  return { sut, ledger, mailer, metrics };
}

describe('DeliverMatchUseCase', () => {
  it('claims the (alert, offer) delivery with the configured lease', async () => {
    const { sut, ledger } = makeSut();

    await sut.execute(match());

    expect(ledger.claim).toHaveBeenCalledWith(KEY, match(), 60_000);
  });

  it('sends the first delivery to the recipient, then marks it sent', async () => {
    const { sut, ledger, mailer } = makeSut();

    const outcome = await sut.execute(match());

    expect(outcome).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
    const mail = mailer.sent[0]!;
    expect(mail.to).toBe('camille.martin@example.org');
    expect(mail.subject).toBe('Nouvelle offre : Développeur back-end TypeScript (H/F)');
    expect(mail.text).toContain('Pourquoi cette offre ?');
    expect(ledger.log).toEqual([`claim:${KEY}`, 'send', `sent:${KEY}:${mail.messageId}`]);
  });

  it('adds one-click unsubscribe headers (RFC 8058) whose link carries a valid token for this alert', async () => {
    const { sut, mailer } = makeSut();

    await sut.execute(match());

    const headers = mailer.sent[0]!.headers;
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const link = /^<(.+)>$/.exec(headers['List-Unsubscribe'] ?? '')?.[1];
    expect(link).toBeDefined();
    const url = new URL(link!);
    expect(`${url.origin}${url.pathname}`).toBe(`https://alertes.vigie.example/v1/alerts/${match().alertId}/unsubscribe`);
    expect(verifyUnsubscribeToken(match().alertId, url.searchParams.get('token') ?? '', SETTINGS.unsubscribeSecret)).toBe(true);
    expect(mailer.sent[0]!.text).toContain(link);
    expect(headers['Auto-Submitted']).toBe('auto-generated');
    expect(headers['X-Vigie-Alert-Id']).toBe(match().alertId);
    expect(headers['X-Vigie-Offer-Id']).toBe(match().offerId);
  });

  it('gives the e-mail a deterministic Message-ID in the mail domain', async () => {
    const first = makeSut();
    const second = makeSut();

    await first.sut.execute(match());
    await second.sut.execute({ ...match(), matchId: '99999999-5b6c-4d7e-8f90-1a2b3c4d5e6f', matchedAt: '2026-12-01T00:00:00.000Z' });

    const id = first.mailer.sent[0]!.messageId;
    expect(id).toMatch(/^<[0-9a-f]{32}@vigie\.example>$/);
    expect(second.mailer.sent[0]!.messageId).toBe(id);
  });

  it('gives another (alert, offer) pair another Message-ID', async () => {
    const { sut, mailer } = makeSut();

    await sut.execute(match());
    await sut.execute({ ...match(), offerId: '7a2d3c8f-4e5b-4d2f-8c3a-9b8e6f5d4c32' });

    expect(mailer.sent[1]!.messageId).not.toBe(mailer.sent[0]!.messageId);
  });

  it('sends nothing for a delivery already sent', async () => {
    const { sut, ledger, mailer } = makeSut();
    ledger.claimResult = { claimed: false, state: 'sent' };

    await expect(sut.execute(match())).resolves.toBe('already_sent');
    expect(mailer.sent).toEqual([]);
    expect(ledger.markSent).not.toHaveBeenCalled();
  });

  it('sends nothing for a delivery that already failed for good', async () => {
    const { sut, ledger, mailer } = makeSut();
    ledger.claimResult = { claimed: false, state: 'failed' };

    await expect(sut.execute(match())).resolves.toBe('already_failed');
    expect(mailer.sent).toEqual([]);
  });

  it('throws a TransientError while another worker holds the delivery, so the message is retried later', async () => {
    const { sut, ledger, mailer } = makeSut();
    ledger.claimResult = { claimed: false, state: 'in_flight' };

    await expect(sut.execute(match())).rejects.toThrow(TransientError);
    expect(mailer.sent).toEqual([]);
    expect(ledger.markSent).not.toHaveBeenCalled();
  });

  it('reports a second attempt (after a crash) as resent_after_crash, with the same Message-ID', async () => {
    const first = makeSut();
    await first.sut.execute(match());
    const { sut, ledger, mailer } = makeSut();
    ledger.claimResult = { claimed: true, attempt: 2 };

    const outcome = await sut.execute(match());

    expect(outcome).toBe('resent_after_crash');
    expect(mailer.sent[0]!.messageId).toBe(first.mailer.sent[0]!.messageId);
    expect(ledger.markSent).toHaveBeenCalledWith(KEY, mailer.sent[0]!.messageId);
  });

  it('marks the delivery failed when the relay refuses it for good, without throwing', async () => {
    const { sut, ledger, mailer } = makeSut();
    mailer.failWith = new PermanentMailError('550 5.1.1 mailbox unavailable', 550);

    await expect(sut.execute(match())).resolves.toBe('rejected_by_relay');
    expect(ledger.markFailed).toHaveBeenCalledWith(KEY, '550 5.1.1 mailbox unavailable');
    expect(ledger.markSent).not.toHaveBeenCalled();
  });

  it('lets a transient mail error propagate without marking anything, so the lease expires and it is retried', async () => {
    const { sut, ledger, mailer } = makeSut();
    const error = new TransientError('SMTP relay unavailable: ECONNREFUSED');
    mailer.failWith = error;

    await expect(sut.execute(match())).rejects.toBe(error);
    expect(ledger.markSent).not.toHaveBeenCalled();
    expect(ledger.markFailed).not.toHaveBeenCalled();
  });

  it('propagates an unexpected mail error too, without marking anything', async () => {
    const { sut, ledger, mailer } = makeSut();
    mailer.failWith = new Error('socket hang up');

    await expect(sut.execute(match())).rejects.toThrow('socket hang up');
    expect(ledger.markSent).not.toHaveBeenCalled();
    expect(ledger.markFailed).not.toHaveBeenCalled();
  });

  it('counts outcomes in alert_deliveries_total', async () => {
    const { sut, ledger, metrics } = makeSut();

    await sut.execute(match());
    ledger.claimResult = { claimed: false, state: 'sent' };
    await sut.execute(match());

    const { values } = await metrics.counter('alert_deliveries_total', '', ['outcome']).get();
    expect(Object.fromEntries(values.map((v) => [v.labels.outcome, v.value]))).toEqual({ sent: 1, already_sent: 1 });
  });
});
