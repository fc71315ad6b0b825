import { Inject, Injectable } from '@nestjs/common';
import { MatchCreatedV1 } from '@vigie/contracts';
import { errorMessage, TransientError } from '@vigie/messaging';
import { FAULT_POINTS, FaultInjector, MetricsRegistry } from '@vigie/observability';
import { unsubscribeToken } from '@vigie/platform';
import { renderAlertEmail } from '../mail/alert-email';
import { mapConcurrently } from '../map-concurrently';
import { mailEnvelope, sendEnvelope } from '../mail/mail-envelope';
import { Mailer, OutgoingMail } from '../mail/mailer.port';
import { normaliseAddress, SuppressionList } from '../suppression/suppression-list.port';
import { DeliveryLedger, DeliveryRequest } from './delivery-ledger';

export interface DeliverySettings {
  alertsPublicUrl: string;
  unsubscribeSecret: string;
  leaseMs: number;
  mailDomain: string;
  /** Identifies this process in the ledger's leases. */
  owner: string;
  /** Messages handed to the relay at once (the SMTP pool size). */
  concurrency: number;
}

export const DELIVERY_SETTINGS = Symbol('DELIVERY_SETTINGS');

export type DeliveryOutcome =
  | 'sent'
  | 'resent_after_crash'
  | 'already_sent'
  | 'rejected_by_relay'
  | 'already_failed'
  | 'suppressed'
  | 'dead_lettered';

/** What a batch came to; `poisoned` matches are for the transport to dead-letter. */
export interface DeliveryReport {
  outcomes: DeliveryOutcome[];
  poisoned: Array<{ matchId: string; reason: string }>;
}

type SendResult =
  | { key: string; ok: true; messageId: string }
  | { key: string; ok: false; kind: 'transient' | 'rejected' | 'poison'; error: unknown };

/**
 * Turns matches into e-mails, at most one per (alert, offer) however often a match arrives: each
 * delivery is claimed in the ledger, sent, then recorded as sent. A batch is claimed and recorded
 * with one statement each, and its e-mails go out in parallel over the SMTP pool.
 *
 * Failures are sorted here, once: a transient one (relay down, 4xx) makes the batch retried, after
 * what was sent is recorded; a permanent refusal (5xx) is recorded and, when it was about the
 * address, suppresses it; any other error (a bug, data we cannot render) is reported as poisoned,
 * its claim given back, so the transport dead-letters that match and the partition moves on.
 */
@Injectable()
export class DeliverMatchesUseCase {
  private readonly outcomes;

  constructor(
    private readonly ledger: DeliveryLedger,
    private readonly mailer: Mailer,
    private readonly suppressions: SuppressionList,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
    private readonly faults: FaultInjector,
    metrics: MetricsRegistry,
  ) {
    this.outcomes = metrics.counter('alert_deliveries_total', 'Alert e-mail deliveries, by outcome', [
      'outcome',
    ]);
  }

  async execute(matches: readonly MatchCreatedV1[]): Promise<DeliveryReport> {
    const outcomes: DeliveryOutcome[] = [];
    const poisoned: DeliveryReport['poisoned'] = [];
    const suppressed = await this.suppressions.suppressedAmong(matches.map((m) => m.recipient.email));
    const byKey = new Map<string, MatchCreatedV1>();
    for (const m of matches) {
      if (suppressed.has(normaliseAddress(m.recipient.email))) outcomes.push(this.count('suppressed'));
      else if (!byKey.has(deliveryKey(m))) byKey.set(deliveryKey(m), m);
    }
    const requests: DeliveryRequest[] = [...byKey].map(([key, m]) => ({
      key,
      alertId: m.alertId,
      offerId: m.offerId,
      matchId: m.matchId,
    }));

    const claims = await this.ledger.claimMany(requests, this.settings.owner, this.settings.leaseMs);
    const busyElsewhere: string[] = [];
    const toSend: Array<{ key: string; mail: OutgoingMail; takenOver: boolean }> = [];
    const poisonedKeys: string[] = [];
    const poison = (key: string, error: unknown) => {
      poisonedKeys.push(key);
      poisoned.push({ matchId: byKey.get(key)!.matchId, reason: errorMessage(error) });
      outcomes.push(this.count('dead_lettered'));
    };
    for (const claim of claims) {
      if (claim.claimed) {
        try {
          toSend.push({
            key: claim.key,
            mail: this.compose(claim.key, byKey.get(claim.key)!),
            takenOver: claim.takenOver,
          });
        } catch (error) {
          poison(claim.key, error);
        }
      } else if (claim.state === 'in_flight') busyElsewhere.push(claim.key);
      else outcomes.push(this.count(claim.state === 'sent' ? 'already_sent' : 'already_failed'));
    }

    const results = await mapConcurrently(
      toSend,
      this.settings.concurrency,
      async ({ key, mail }): Promise<SendResult> => {
        const sent = await sendEnvelope(this.mailer, this.suppressions, mail);
        return sent.kind === 'accepted'
          ? { key, ok: true, messageId: mail.messageId }
          : { key, ok: false, kind: sent.kind === 'bug' ? 'poison' : sent.kind, error: sent.error };
      },
    );
    const sent = results.filter((r): r is Extract<SendResult, { ok: true }> => r.ok);
    // The crash window of fault F2: sent, not yet recorded. The lease expires, another worker takes
    // the delivery over and resends it with the same Message-ID: counted as resent_after_crash.
    if (sent.length > 0) this.faults.crashIfArmed(FAULT_POINTS.deliveryAfterSend);
    await this.ledger.markSent(sent);
    const takenOver = new Set(toSend.filter((t) => t.takenOver).map((t) => t.key));
    for (const s of sent) outcomes.push(this.count(takenOver.has(s.key) ? 'resent_after_crash' : 'sent'));

    const transient: string[] = [];
    for (const r of results) {
      if (r.ok) continue;
      if (r.kind === 'rejected') {
        // A refusal about the address has already suppressed it (sendEnvelope).
        await this.ledger.markFailed(r.key, errorMessage(r.error));
        outcomes.push(this.count('rejected_by_relay'));
      } else if (r.kind === 'poison') {
        poison(r.key, r.error);
      } else {
        transient.push(`${r.key}: ${errorMessage(r.error)}`);
      }
    }
    await this.ledger.release(poisonedKeys, this.settings.owner);
    // Sent ones are recorded, so a retry of the batch only resends what is still pending.
    if (transient.length > 0)
      throw new TransientError(`${transient.length} delivery(ies) failed: ${transient[0]}`);
    if (busyElsewhere.length > 0)
      throw new TransientError(`${busyElsewhere.length} delivery(ies) being sent by another worker`);
    return { outcomes, poisoned };
  }

  private compose(key: string, match: MatchCreatedV1): OutgoingMail {
    const unsubscribeUrl = `${this.settings.alertsPublicUrl}/v1/alerts/${match.alertId}/unsubscribe?token=${unsubscribeToken(match.alertId, this.settings.unsubscribeSecret)}`;
    this.faults.throwIfArmed(FAULT_POINTS.deliveryComposeBug, match.offer.title.includes('[fault]'));
    return mailEnvelope({
      ledgerKey: key,
      mailDomain: this.settings.mailDomain,
      to: match.recipient.email,
      alertId: match.alertId,
      unsubscribe: unsubscribeUrl,
      content: renderAlertEmail(match, unsubscribeUrl),
      headers: { 'X-Vigie-Offer-Id': match.offerId },
    });
  }

  private count(outcome: DeliveryOutcome): DeliveryOutcome {
    this.outcomes.inc({ outcome });
    return outcome;
  }
}

/** One e-mail per (alert, offer) for instant alerts; digests will key on (alert, digest). */
export function deliveryKey(match: MatchCreatedV1): string {
  return `instant:${match.alertId}:${match.offerId}`;
}
