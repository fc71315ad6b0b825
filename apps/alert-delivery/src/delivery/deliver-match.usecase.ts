import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MatchCreatedV1 } from '@vigie/contracts';
import { TransientError } from '@vigie/messaging';
import { FAULT_POINTS, FaultInjector, MetricsRegistry } from '@vigie/observability';
import { unsubscribeToken } from '@vigie/platform';
import { renderAlertEmail } from '../mail/alert-email';
import { Mailer, PermanentMailError } from '../mail/mailer.port';
import { DeliveryLedger } from './delivery-ledger';

export interface DeliverySettings {
  alertsPublicUrl: string;
  unsubscribeSecret: string;
  leaseMs: number;
  mailDomain: string;
}

export const DELIVERY_SETTINGS = Symbol('DELIVERY_SETTINGS');

export type DeliveryOutcome = 'sent' | 'resent_after_crash' | 'already_sent' | 'rejected_by_relay' | 'already_failed';

/** Turns one match into one e-mail, at most once per (alert, offer), however often the match arrives. */
@Injectable()
export class DeliverMatchUseCase {
  private readonly outcomes;

  constructor(
    private readonly ledger: DeliveryLedger,
    private readonly mailer: Mailer,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
    private readonly faults: FaultInjector,
    metrics: MetricsRegistry,
  ) {
    this.outcomes = metrics.counter('alert_deliveries_total', 'Alert e-mail deliveries, by outcome', ['outcome']);
  }

  async execute(match: MatchCreatedV1): Promise<DeliveryOutcome> {
    const key = `instant:${match.alertId}:${match.offerId}`;
    const claim = await this.ledger.claim(key, match, this.settings.leaseMs);
    if (!claim.claimed) {
      // Another worker is sending it right now: wait for its lease rather than acknowledge blindly.
      if (claim.state === 'in_flight') throw new TransientError(`delivery ${key} is being sent by another worker`);
      return this.count(claim.state === 'sent' ? 'already_sent' : 'already_failed');
    }

    const unsubscribeUrl = `${this.settings.alertsPublicUrl}/v1/alerts/${match.alertId}/unsubscribe?token=${unsubscribeToken(match.alertId, this.settings.unsubscribeSecret)}`;
    const email = renderAlertEmail(match, unsubscribeUrl);
    const messageId = `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${this.settings.mailDomain}>`;
    try {
      await this.mailer.send({
        to: match.recipient.email,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId,
        headers: {
          'List-Unsubscribe': `<${unsubscribeUrl}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'Auto-Submitted': 'auto-generated',
          'X-Vigie-Alert-Id': match.alertId,
          'X-Vigie-Offer-Id': match.offerId,
        },
      });
    } catch (e) {
      if (e instanceof PermanentMailError) {
        await this.ledger.markFailed(key, e.message);
        return this.count('rejected_by_relay');
      }
      throw e;
    }
    // The crash window of fault F2: sent, not yet recorded. The lease expires and the mail is resent
    // with the same Message-ID; that rare duplicate is counted as resent_after_crash.
    this.faults.crashIfArmed(FAULT_POINTS.deliveryAfterSend);
    await this.ledger.markSent(key, messageId);
    return this.count(claim.attempt > 1 ? 'resent_after_crash' : 'sent');
  }

  private count(outcome: DeliveryOutcome): DeliveryOutcome {
    this.outcomes.inc({ outcome });
    return outcome;
  }
}
