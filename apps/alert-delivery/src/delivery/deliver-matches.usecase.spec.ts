import { MatchCreatedV1 } from '@vigie/contracts';
import { TransientError } from '@vigie/messaging';
import { FAULT_POINTS, FaultInjector, MetricsRegistry } from '@vigie/observability';
import { verifyUnsubscribeToken } from '@vigie/platform';
import { goldenFixture } from '@vigie/testing/unit';
import { Mailer, OutgoingMail, PermanentMailError } from '../mail/mailer.port';
import { normaliseAddress, SuppressionList, SuppressionSource } from '../suppression/suppression-list.port';
import { DeliverMatchesUseCase, deliveryKey, DeliverySettings } from './deliver-matches.usecase';
import { Claim, DeliveryLedger, DeliveryRequest } from './delivery-ledger';

const SETTINGS: DeliverySettings = {
  alertsPublicUrl: 'https://alertes.vigie.example',
  unsubscribeSecret: 'unsubscribe-secret-for-unit-tests-0123456789',
  leaseMs: 60_000,
  mailDomain: 'vigie.example',
  owner: 'worker-1',
  concurrency: 3,
};

const base = () => goldenFixture<MatchCreatedV1>('alerts.match.created.v1', 'instant');
const match = (n = 0): MatchCreatedV1 => {
  const m = base();
  return n === 0
    ? m
    : {
        ...m,
        offerId: `6f1c2b7e-3d4a-4c1e-9b2f-8a7d5e4c3b${String(n).padStart(2, '0')}`,
        offer: { ...m.offer, title: `Offre ${n}` },
      };
};

/** A ledger whose answer per key the test chooses (claimed by default), recording what happened. */
class FakeLedger extends DeliveryLedger {
  readonly log: string[] = [];
  readonly answers = new Map<string, Claim>();
  readonly claimed: Array<{ requests: DeliveryRequest[]; owner: string; leaseMs: number }> = [];
  readonly failed: Array<[string, string]> = [];

  async claimMany(requests: readonly DeliveryRequest[], owner: string, leaseMs: number): Promise<Claim[]> {
    this.claimed.push({ requests: [...requests], owner, leaseMs });
    this.log.push(`claim:${requests.length}`);
    return requests.map(
      (r) => this.answers.get(r.key) ?? { key: r.key, claimed: true, attempt: 1, takenOver: false },
    );
  }

  async markSent(sent: ReadonlyArray<{ key: string; messageId: string }>): Promise<void> {
    this.log.push(`sent:${sent.map((s) => s.key).join(',')}`);
  }

  async markFailed(key: string, reason: string): Promise<void> {
    this.failed.push([key, reason]);
  }

  async release(keys: readonly string[], owner: string): Promise<void> {
    if (keys.length > 0) this.log.push(`release:${owner}:${keys.join(',')}`);
  }
}

class FakeSuppressionList extends SuppressionList {
  readonly addresses = new Map<string, { reason: string; source: SuppressionSource }>();
  async suppressedAmong(addresses: readonly string[]): Promise<Set<string>> {
    return new Set(addresses.map(normaliseAddress).filter((a) => this.addresses.has(a)));
  }
  async suppress(address: string, reason: string, source: SuppressionSource): Promise<void> {
    this.addresses.set(normaliseAddress(address), { reason, source });
  }
}

class FakeMailer extends Mailer {
  readonly sent: OutgoingMail[] = [];
  readonly failures = new Map<string, Error>();
  constructor(private readonly log: string[]) {
    super();
  }
  async send(mail: OutgoingMail): Promise<void> {
    this.log.push(`send:${mail.to}`);
    const failure = this.failures.get(mail.headers['X-Vigie-Offer-Id']!);
    if (failure) throw failure;
    this.sent.push(mail);
  }
}

function makeSut(faults = FaultInjector.none()) {
  const ledger = new FakeLedger();
  const mailer = new FakeMailer(ledger.log);
  const suppressions = new FakeSuppressionList();
  const metrics = new MetricsRegistry();
  const sut = new DeliverMatchesUseCase(ledger, mailer, suppressions, SETTINGS, faults, metrics);
  return { sut, ledger, mailer, suppressions, metrics };
}

describe('DeliverMatchesUseCase', () => {
  it('claims every delivery of the batch at once, under its owner and lease', async () => {
    const { sut, ledger } = makeSut();

    await sut.execute([match(1), match(2)]);

    expect(ledger.claimed).toHaveLength(1);
    expect(ledger.claimed[0]).toMatchObject({ owner: 'worker-1', leaseMs: 60_000 });
    expect(ledger.claimed[0]!.requests.map((r) => r.key)).toEqual([
      deliveryKey(match(1)),
      deliveryKey(match(2)),
    ]);
  });

  it('sends each claimed delivery, then records them sent in one call', async () => {
    const { sut, ledger, mailer } = makeSut();

    const { outcomes } = await sut.execute([match(1), match(2)]);

    expect(outcomes).toEqual(['sent', 'sent']);
    expect(mailer.sent.map((m) => m.subject)).toEqual([
      'Nouvelle offre : Offre 1',
      'Nouvelle offre : Offre 2',
    ]);
    expect(ledger.log.at(-1)).toBe(`sent:${deliveryKey(match(1))},${deliveryKey(match(2))}`);
    expect(ledger.log.indexOf(`sent:${deliveryKey(match(1))},${deliveryKey(match(2))}`)).toBeGreaterThan(
      ledger.log.lastIndexOf('send:camille.martin@example.org'),
    );
  });

  it('sends one e-mail when the batch holds the same match twice', async () => {
    const { sut, mailer } = makeSut();

    await sut.execute([match(), match()]);

    expect(mailer.sent).toHaveLength(1);
  });

  it('addresses the recipient and adds one-click unsubscribe headers (RFC 8058) with a valid token', async () => {
    const { sut, mailer } = makeSut();

    await sut.execute([match()]);

    const mail = mailer.sent[0]!;
    expect(mail.to).toBe('camille.martin@example.org');
    expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const url = new URL(mail.headers['List-Unsubscribe']!.slice(1, -1));
    expect(url.origin).toBe('https://alertes.vigie.example');
    expect(url.pathname).toBe(`/v1/alerts/${match().alertId}/unsubscribe`);
    expect(
      verifyUnsubscribeToken(match().alertId, url.searchParams.get('token')!, SETTINGS.unsubscribeSecret),
    ).toBe(true);
    expect(mail.text).toContain(url.toString());
  });

  it('gives an e-mail a Message-ID that depends only on its (alert, offer) pair', async () => {
    const first = makeSut();
    const second = makeSut();
    await first.sut.execute([match(1), match(2)]);
    await second.sut.execute([match(1)]);

    const [a, b] = first.mailer.sent;
    expect(a!.messageId).toMatch(/^<[0-9a-f]{32}@vigie\.example>$/);
    expect(second.mailer.sent[0]!.messageId).toBe(a!.messageId);
    expect(b!.messageId).not.toBe(a!.messageId);
  });

  it('sends nothing for deliveries already sent or failed for good', async () => {
    const { sut, ledger, mailer } = makeSut();
    ledger.answers.set(deliveryKey(match(1)), { key: deliveryKey(match(1)), claimed: false, state: 'sent' });
    ledger.answers.set(deliveryKey(match(2)), {
      key: deliveryKey(match(2)),
      claimed: false,
      state: 'failed',
    });

    expect((await sut.execute([match(1), match(2)])).outcomes).toEqual(['already_sent', 'already_failed']);
    expect(mailer.sent).toHaveLength(0);
  });

  it('sends what it can, then asks for a retry while another worker holds a delivery', async () => {
    const { sut, ledger, mailer } = makeSut();
    ledger.answers.set(deliveryKey(match(2)), {
      key: deliveryKey(match(2)),
      claimed: false,
      state: 'in_flight',
    });

    await expect(sut.execute([match(1), match(2)])).rejects.toBeInstanceOf(TransientError);
    expect(mailer.sent.map((m) => m.subject)).toEqual(['Nouvelle offre : Offre 1']);
    expect(ledger.log).toContain(`sent:${deliveryKey(match(1))}`);
  });

  it('reports a delivery taken over after another worker crashed as resent_after_crash', async () => {
    const { sut, ledger, metrics } = makeSut();
    ledger.answers.set(deliveryKey(match()), {
      key: deliveryKey(match()),
      claimed: true,
      attempt: 2,
      takenOver: true,
    });

    expect((await sut.execute([match()])).outcomes).toEqual(['resent_after_crash']);
    expect(await metrics.registry.getSingleMetricAsString('alert_deliveries_total')).toContain(
      'outcome="resent_after_crash"} 1',
    );
  });

  it('reports its own retry after a relay hiccup as sent, not as a crash', async () => {
    const { sut, ledger } = makeSut();
    ledger.answers.set(deliveryKey(match()), {
      key: deliveryKey(match()),
      claimed: true,
      attempt: 3,
      takenOver: false,
    });

    expect((await sut.execute([match()])).outcomes).toEqual(['sent']);
  });

  it('records a permanent refusal of the relay as failed and goes on with the batch', async () => {
    const { sut, ledger, mailer } = makeSut();
    mailer.failures.set(match(1).offerId, new PermanentMailError('550 mailbox unavailable', 550));

    expect((await sut.execute([match(1), match(2)])).outcomes.sort()).toEqual(['rejected_by_relay', 'sent']);
    expect(ledger.failed).toEqual([[deliveryKey(match(1)), 'PermanentMailError: 550 mailbox unavailable']]);
  });

  it('suppresses the address when the relay refuses the recipient for good, and mails it no more', async () => {
    const { sut, mailer, suppressions } = makeSut();
    mailer.failures.set(match(1).offerId, new PermanentMailError('550 no such user', 550, true));

    await sut.execute([match(1)]);
    const second = await sut.execute([match(2)]);

    expect(suppressions.addresses.get('camille.martin@example.org')).toEqual({
      reason: '550 refused by the relay',
      source: 'smtp_reply',
    });
    expect(second.outcomes).toEqual(['suppressed']);
    expect(mailer.sent).toHaveLength(0);
  });

  it('keeps the address when the relay refused the message, not the recipient', async () => {
    const { sut, mailer, suppressions } = makeSut();
    mailer.failures.set(match(1).offerId, new PermanentMailError('554 content rejected', 554, false));

    await sut.execute([match(1)]);

    expect(suppressions.addresses.size).toBe(0);
  });

  it('reports a match whose sending fails with an unexpected error as poisoned, gives its claim back, and sends the rest', async () => {
    const { sut, ledger, mailer } = makeSut();
    mailer.failures.set(match(1).offerId, new TypeError("Cannot read properties of undefined (reading 'x')"));

    const report = await sut.execute([match(1), match(2)]);

    expect(report.poisoned).toEqual([
      { matchId: match(1).matchId, reason: "TypeError: Cannot read properties of undefined (reading 'x')" },
    ]);
    expect(report.outcomes.sort()).toEqual(['dead_lettered', 'sent']);
    expect(mailer.sent.map((m) => m.subject)).toEqual(['Nouvelle offre : Offre 2']);
    expect(ledger.log).toContain(`release:worker-1:${deliveryKey(match(1))}`);
    expect(ledger.failed).toEqual([]);
  });

  it('reports a match whose e-mail cannot be composed as poisoned without sending it', async () => {
    const { sut, mailer } = makeSut(new FaultInjector(FAULT_POINTS.deliveryComposeBug, 'test'));
    const bad = { ...match(1), offer: { ...match(1).offer, title: 'Offre [fault]' } };

    const report = await sut.execute([bad, match(2)]);

    expect(report.poisoned.map((p) => p.matchId)).toEqual([bad.matchId]);
    expect(report.poisoned[0]!.reason).toContain(FAULT_POINTS.deliveryComposeBug);
    expect(mailer.sent.map((m) => m.subject)).toEqual(['Nouvelle offre : Offre 2']);
  });

  it('records the sent ones and throws for a transient relay error, so only the rest is retried', async () => {
    const { sut, ledger, mailer } = makeSut();
    mailer.failures.set(match(2).offerId, new TransientError('SMTP relay unavailable'));

    await expect(sut.execute([match(1), match(2)])).rejects.toThrow('1 delivery(ies) failed');
    expect(ledger.log).toContain(`sent:${deliveryKey(match(1))}`);
    expect(ledger.failed).toEqual([]);
  });

  it('never sends more e-mails at once than the SMTP pool allows', async () => {
    const ledger = new FakeLedger();
    let inFlight = 0;
    let peak = 0;
    const mailer = new (class extends Mailer {
      async send(): Promise<void> {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
      }
    })();
    const sut = new DeliverMatchesUseCase(
      ledger,
      mailer,
      new FakeSuppressionList(),
      SETTINGS,
      FaultInjector.none(),
      new MetricsRegistry(),
    );

    await sut.execute(Array.from({ length: 10 }, (_, i) => match(i + 1)));

    expect(peak).toBe(SETTINGS.concurrency);
  });
});
