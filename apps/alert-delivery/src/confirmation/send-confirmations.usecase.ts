import { Inject, Injectable } from '@nestjs/common';
import { CandidateLinks, Clock } from '@vigie/kernel';
import { errorMessage, TransientError } from '@vigie/messaging';
import { FAULT_POINTS, FaultInjector, MetricsRegistry } from '@vigie/observability';
import type { Logger } from 'pino';
import {
  DISPATCH_LOGGER,
  DISPATCH_SETTINGS,
  type DispatchSettings,
} from '../dispatch/dispatch-emails.usecase';
import { EmailLedger } from '../dispatch/email-ledger.port';
import { mailEnvelope, sendEnvelope } from '../mail/mail-envelope';
import { Mailer } from '../mail/mailer.port';
import { messageIdOf } from '../mail/message-id';
import { mapConcurrently } from '../map-concurrently';
import { AlertProjection } from '../projection/alert-projection.port';
import { SuppressionList } from '../suppression/suppression-list.port';
import { renderConfirmationEmail } from './confirmation-email';

export type ConfirmationOutcome =
  | 'sent'
  | 'resent_after_crash'
  | 'already_sent'
  | 'in_flight'
  | 'not_pending'
  | 'rejected_by_relay'
  | 'retry_later'
  | 'failed';

/**
 * Double opt-in: every pending alert (created with an address only) gets one confirmation e-mail,
 * keyed `confirm:<alert>` in the e-mail ledger, so a replay of the alert topic or a second replica
 * sends nothing more. It is the only e-mail an unconfirmed address ever receives: alert e-mails
 * need the alert `active` (`alertIsSendable`).
 */
@Injectable()
export class SendConfirmationsUseCase {
  private readonly outcomes;

  constructor(
    private readonly ledger: EmailLedger,
    private readonly alerts: AlertProjection,
    private readonly suppressions: SuppressionList,
    private readonly mailer: Mailer,
    private readonly links: CandidateLinks,
    private readonly clock: Clock,
    private readonly faults: FaultInjector,
    @Inject(DISPATCH_SETTINGS) private readonly settings: DispatchSettings,
    @Inject(DISPATCH_LOGGER) private readonly logger: Logger,
    metrics: MetricsRegistry,
  ) {
    this.outcomes = metrics.counter('confirmation_emails_total', 'Double opt-in e-mails, by outcome', [
      'outcome',
    ]);
  }

  async run(): Promise<ConfirmationOutcome[]> {
    const waiting = await this.ledger.awaitingConfirmation(this.settings.batchLimit);
    return mapConcurrently(waiting, this.settings.concurrency, async (alertId) => {
      let outcome: ConfirmationOutcome;
      try {
        outcome = await this.confirmOne(alertId);
      } catch (error) {
        if (error instanceof TransientError) throw error; // the job backs off and runs again
        this.logger.error({ alertId, err: errorMessage(error) }, 'confirmation e-mail failed');
        outcome = 'failed';
      }
      this.outcomes.inc({ outcome });
      return outcome;
    });
  }

  private async confirmOne(alertId: string): Promise<ConfirmationOutcome> {
    const key = `confirm:${alertId}`;
    const known = (await this.alerts.get([alertId])).get(alertId);
    if (!known) return 'not_pending';
    const claim = (
      await this.ledger.claim(
        [{ key, candidateId: known.candidateId, messageId: messageIdOf(key, this.settings.mailDomain) }],
        this.settings.owner,
        this.settings.leaseMs,
      )
    ).get(key)!;
    if (!claim.claimed) return claim.state === 'sent' ? 'already_sent' : 'in_flight';
    // Re-read once claimed: confirmed (from another channel) or deleted meanwhile, nothing to send.
    const alert = (await this.alerts.get([alertId])).get(alertId);
    if (!alert || alert.status !== 'pending') {
      await this.ledger.release([key], this.settings.owner);
      return 'not_pending';
    }
    const mail = mailEnvelope({
      ledgerKey: key,
      mailDomain: this.settings.mailDomain,
      to: alert.email,
      alertId,
      // Nothing is subscribed before the confirmation: no List-Unsubscribe on it.
      unsubscribe: null,
      content: renderConfirmationEmail({ confirm: this.links.confirm(alertId) }),
    });
    const sent = await sendEnvelope(this.mailer, this.suppressions, mail);
    if (sent.kind === 'transient') return 'retry_later'; // our claim: the next run re-claims it
    // A refused address is suppressed (by sendEnvelope), which takes the alert off the waiting
    // list; any other refusal keeps the claim until its lease runs out, so it is tried again that
    // much later.
    if (sent.kind === 'rejected') return 'rejected_by_relay';
    if (sent.kind === 'bug') {
      await this.ledger.release([key], this.settings.owner);
      throw sent.error;
    }
    this.faults.crashIfArmed(FAULT_POINTS.deliveryAfterSend);
    await this.ledger.markSent(
      [{ key, candidateId: alert.candidateId, shown: [], consumed: [] }],
      this.clock.now(),
    );
    return claim.takenOver ? 'resent_after_crash' : 'sent';
  }
}
