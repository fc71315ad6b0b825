import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MatchCreatedV1 } from '@vigie/contracts';
import { errorMessage, TransientError } from '@vigie/messaging';
import { FAULT_POINTS, FaultInjector, MetricsRegistry } from '@vigie/observability';
import { unsubscribeToken } from '@vigie/platform';
import { renderAlertEmail } from '../mail/alert-email';
import { Mailer, OutgoingMail, PermanentMailError } from '../mail/mailer.port';
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
  | 'already_failed';

type SendResult =
  | { key: string; ok: true; messageId: string }
  | { key: string; ok: false; permanent: boolean; error: unknown };

/**
 * Turns matches into e-mails, at most one per (alert, offer) however often a match arrives: each
 * delivery is claimed in the ledger, sent, then recorded as sent. A batch is claimed and recorded
 * with one statement each, and its e-mails go out in parallel over the SMTP pool.
 */
@Injectable()
export class DeliverMatchesUseCase {
  private readonly outcomes;

  constructor(
    private readonly ledger: DeliveryLedger,
    private readonly mailer: Mailer,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
    private readonly faults: FaultInjector,
    metrics: MetricsRegistry,
  ) {
    this.outcomes = metrics.counter('alert_deliveries_total', 'Alert e-mail deliveries, by outcome', [
      'outcome',
    ]);
  }

  async execute(matches: readonly MatchCreatedV1[]): Promise<DeliveryOutcome[]> {
    const byKey = new Map<string, MatchCreatedV1>();
    for (const m of matches) if (!byKey.has(deliveryKey(m))) byKey.set(deliveryKey(m), m);
    const requests: DeliveryRequest[] = [...byKey].map(([key, m]) => ({
      key,
      alertId: m.alertId,
      offerId: m.offerId,
      matchId: m.matchId,
    }));

    const claims = await this.ledger.claimMany(requests, this.settings.owner, this.settings.leaseMs);
    const outcomes: DeliveryOutcome[] = [];
    const busyElsewhere: string[] = [];
    const toSend: Array<{ key: string; mail: OutgoingMail; takenOver: boolean }> = [];
    for (const claim of claims) {
      if (claim.claimed)
        toSend.push({
          key: claim.key,
          mail: this.compose(claim.key, byKey.get(claim.key)!),
          takenOver: claim.takenOver,
        });
      else if (claim.state === 'in_flight') busyElsewhere.push(claim.key);
      else outcomes.push(this.count(claim.state === 'sent' ? 'already_sent' : 'already_failed'));
    }

    const results = await mapConcurrently(
      toSend,
      this.settings.concurrency,
      async ({ key, mail }): Promise<SendResult> => {
        try {
          await this.mailer.send(mail);
          return { key, ok: true, messageId: mail.messageId };
        } catch (error) {
          return { key, ok: false, permanent: error instanceof PermanentMailError, error };
        }
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
      if (r.permanent) {
        await this.ledger.markFailed(r.key, errorMessage(r.error));
        outcomes.push(this.count('rejected_by_relay'));
      } else {
        transient.push(`${r.key}: ${errorMessage(r.error)}`);
      }
    }
    // Sent ones are recorded, so a retry of the batch only resends what is still pending.
    if (transient.length > 0)
      throw new TransientError(`${transient.length} delivery(ies) failed: ${transient[0]}`);
    if (busyElsewhere.length > 0)
      throw new TransientError(`${busyElsewhere.length} delivery(ies) being sent by another worker`);
    return outcomes;
  }

  private compose(key: string, match: MatchCreatedV1): OutgoingMail {
    const unsubscribeUrl = `${this.settings.alertsPublicUrl}/v1/alerts/${match.alertId}/unsubscribe?token=${unsubscribeToken(match.alertId, this.settings.unsubscribeSecret)}`;
    const email = renderAlertEmail(match, unsubscribeUrl);
    return {
      to: match.recipient.email,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${this.settings.mailDomain}>`,
      headers: {
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'Auto-Submitted': 'auto-generated',
        'X-Vigie-Alert-Id': match.alertId,
        'X-Vigie-Offer-Id': match.offerId,
      },
    };
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

async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
