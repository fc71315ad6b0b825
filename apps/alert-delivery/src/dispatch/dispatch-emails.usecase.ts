import { Inject, Injectable } from '@nestjs/common';
import { CandidateLinks, Clock } from '@vigie/kernel';
import { errorMessage, TransientError } from '@vigie/messaging';
import { FAULT_POINTS, FaultInjector, MetricsRegistry } from '@vigie/observability';
import { unsubscribeToken } from '@vigie/platform';
import type { Logger } from 'pino';
import { Mailer, PermanentMailError } from '../mail/mailer.port';
import { messageIdOf } from '../mail/message-id';
import { mapConcurrently } from '../map-concurrently';
import { AlertProjection, ProjectedAlert } from '../projection/alert-projection.port';
import { OfferStates } from '../projection/offer-states.port';
import type { PendingMatch } from '../projection/pending-matches.port';
import { SuppressionList } from '../suppression/suppression-list.port';
import { EmailLedger } from './email-ledger.port';
import { renderGroupedEmail, seeAllUrl } from './grouped-email';
import { afterQuietHours, latestDigestSlot, QuietHours } from './local-time';
import { alertIsSendable, selectOffers, SelectionRules } from './select-offers';

export interface DispatchSettings {
  /** An instant group goes out this long after its first waiting match (DELIVERY_GROUP_WINDOW_MS). */
  groupWindowMs: number;
  quietHours: QuietHours;
  /** E-mails per candidate per rolling 24 h; beyond it, matches wait (DELIVERY_DAILY_CAP). */
  dailyCap: number;
  rules: SelectionRules;
  leaseMs: number;
  owner: string;
  mailDomain: string;
  alertsPublicUrl: string;
  unsubscribeSecret: string;
  searchUrl: string;
  /** Alerts looked at per run and kind, so one run stays short. */
  batchLimit: number;
  /** Candidates handled at once (about the SMTP pool size); one candidate's alerts go in turn. */
  concurrency: number;
}

export const DISPATCH_SETTINGS = Symbol('DISPATCH_SETTINGS');
export const DISPATCH_LOGGER = Symbol('DISPATCH_LOGGER');

export type DispatchOutcome =
  | 'sent'
  | 'resent_after_crash'
  | 'nothing_new'
  | 'not_due'
  | 'alert_unknown'
  | 'alert_stopped'
  | 'capped'
  | 'suppressed'
  | 'already_sent'
  | 'in_flight'
  | 'rejected_by_relay'
  | 'retry_later'
  | 'failed';

type Kind = 'instant' | 'daily' | 'weekly';

/**
 * The dispatch job's one run: instant groups whose window has passed, and digests whose local slot
 * has come, each built under the content rules, re-checked, sent once through the e-mail ledger.
 * Each alert is handled on its own: a failure is logged and counted and the run goes on, so one
 * bad alert never holds the others back (the next run tries it again).
 */
@Injectable()
export class DispatchEmailsUseCase {
  private readonly outcomes;

  constructor(
    private readonly ledger: EmailLedger,
    private readonly alerts: AlertProjection,
    private readonly offers: OfferStates,
    private readonly suppressions: SuppressionList,
    private readonly mailer: Mailer,
    private readonly links: CandidateLinks,
    private readonly clock: Clock,
    private readonly faults: FaultInjector,
    @Inject(DISPATCH_SETTINGS) private readonly settings: DispatchSettings,
    @Inject(DISPATCH_LOGGER) private readonly logger: Logger,
    metrics: MetricsRegistry,
  ) {
    this.outcomes = metrics.counter(
      'alert_emails_total',
      'Grouped e-mails and digests, by kind and outcome',
      ['kind', 'outcome'],
    );
  }

  async run(): Promise<DispatchOutcome[]> {
    const now = this.clock.now();
    const due = await this.ledger.dueInstantGroups(
      new Date(now.getTime() - this.settings.groupWindowMs),
      this.settings.batchLimit,
    );
    const digests = await this.ledger.digestAlertsWaiting(this.settings.batchLimit);
    // Candidates in parallel, each candidate's alerts in turn: what one alert's e-mail showed must
    // be in sent_offers before the next alert of the same candidate is built (cross-alert rule).
    const byCandidate = new Map<string, Array<{ kind: 'instant' | 'digest'; alertId: string }>>();
    for (const [kind, list] of [
      ['instant', due],
      ['digest', digests],
    ] as const)
      for (const { alertId, candidateId } of list) {
        const work = byCandidate.get(candidateId) ?? [];
        work.push({ kind, alertId });
        byCandidate.set(candidateId, work);
      }
    const perCandidate = await mapConcurrently(
      [...byCandidate.values()],
      this.settings.concurrency,
      async (work) => {
        const outcomes: DispatchOutcome[] = [];
        for (const { kind, alertId } of work) outcomes.push(await this.guarded(kind, alertId, now));
        return outcomes;
      },
    );
    return perCandidate.flat();
  }

  private async guarded(kind: 'instant' | 'digest', alertId: string, now: Date): Promise<DispatchOutcome> {
    try {
      return await this.dispatch(kind, alertId, now);
    } catch (error) {
      if (error instanceof TransientError) throw error; // the job backs off and runs again
      this.logger.error({ alertId, kind, err: errorMessage(error) }, 'dispatch of one alert failed');
      return this.count(kind, 'failed');
    }
  }

  private async dispatch(kind: 'instant' | 'digest', alertId: string, now: Date): Promise<DispatchOutcome> {
    const alert = (await this.alerts.get([alertId])).get(alertId);
    // The match may come before its alert (two topics): wait; a tombstone removes both.
    if (!alert) return this.count(kind, 'alert_unknown');
    let pending: PendingMatch[];
    let key: string;
    let mailKind: Kind;
    if (kind === 'instant') {
      pending = await this.ledger.instantPendingOf(alertId);
      if (pending.length === 0) return this.count(kind, 'nothing_new');
      const windowEnd = new Date(pending[0]!.receivedAt.getTime() + this.settings.groupWindowMs);
      const sendAt = afterQuietHours(
        windowEnd,
        alert.schedule.timeZone,
        this.settings.quietHours,
        alert.candidateId,
      );
      if (sendAt.getTime() > now.getTime()) return this.count(kind, 'not_due');
      // The first match and when it came name the group: a replayed match starts a new group, whose
      // offers the ledger then finds already sent.
      key = `group:${alertId}:${pending[0]!.matchId}:${pending[0]!.receivedAt.getTime()}`;
      mailKind = 'instant';
    } else {
      mailKind = alert.frequency === 'weekly' ? 'weekly' : 'daily';
      const slot = latestDigestSlot(alert.schedule, mailKind, now, alertId);
      pending = await this.ledger.digestPendingOf(alertId, slot.at);
      if (pending.length === 0) return this.count(kind, 'not_due');
      key = `digest:${alertId}:${slot.window}`;
    }
    return this.count(kind, await this.sendOnce(mailKind, key, alert, pending, now));
  }

  private async sendOnce(
    kind: Kind,
    key: string,
    alert: ProjectedAlert,
    pending: PendingMatch[],
    now: Date,
  ): Promise<DispatchOutcome> {
    const all = pending.map((p) => p.matchId);
    if (!alertIsSendable(alert, now)) {
      // Paused, unsubscribed or deleted: what waited is not sent later. Snoozed: it waits.
      if (alert.snoozedUntil && alert.status === 'active') return 'not_due';
      await this.ledger.discard(all);
      return 'alert_stopped';
    }
    if ((await this.suppressions.suppressedAmong([alert.email])).size > 0) {
      await this.ledger.discard(all);
      return 'suppressed';
    }
    if (
      (await this.ledger.sentSince(alert.candidateId, new Date(now.getTime() - 86_400_000))) >=
      this.settings.dailyCap
    )
      return 'capped';

    const offerIds = pending.map((p) => p.offerId);
    const offerStates = await this.offers.get(offerIds);
    const clusterIds = [
      ...new Set(
        pending
          .flatMap((p) => [p.clusterId, offerStates.get(p.offerId)?.clusterId ?? null])
          .filter((c): c is string => c !== null),
      ),
    ];
    const sent = await this.ledger.alreadySent(alert.candidateId, offerIds, clusterIds);
    const selection = selectOffers(
      pending,
      {
        alerts: new Map([[alert.alertId, alert]]),
        offers: offerStates,
        sentOffers: sent.offers,
        sentClusters: sent.clusters,
        now,
      },
      this.settings.rules,
    );
    if (selection.shown.length === 0) {
      await this.ledger.discard(all);
      return 'nothing_new';
    }

    const messageId = messageIdOf(key, this.settings.mailDomain);
    const claim = await this.ledger.claim(
      key,
      alert.candidateId,
      messageId,
      this.settings.owner,
      this.settings.leaseMs,
    );
    if (!claim.claimed) {
      if (claim.state === 'sent') await this.ledger.discard(all);
      return claim.state === 'sent' ? 'already_sent' : 'in_flight';
    }
    const unsubscribe = `${this.settings.alertsPublicUrl}/v1/alerts/${alert.alertId}/unsubscribe?token=${unsubscribeToken(alert.alertId, this.settings.unsubscribeSecret)}`;
    const email = renderGroupedEmail(kind, selection.shown, selection.overflow.length, {
      unsubscribe,
      manage: this.links.manage(alert.alertId),
      seeAll: seeAllUrl(this.settings.searchUrl, alert.criteria),
    });

    // Send-time re-check: a pause or unsubscribe that landed while the e-mail was built wins.
    const fresh = (await this.alerts.get([alert.alertId])).get(alert.alertId);
    if (!fresh || !alertIsSendable(fresh, this.clock.now())) {
      await this.ledger.release(key, this.settings.owner);
      await this.ledger.discard(all);
      return 'alert_stopped';
    }
    try {
      await this.mailer.send({
        to: fresh.email,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId,
        headers: {
          'List-Unsubscribe': `<${unsubscribe}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'Auto-Submitted': 'auto-generated',
          'X-Vigie-Alert-Id': alert.alertId,
        },
      });
    } catch (error) {
      if (error instanceof TransientError) return 'retry_later'; // our claim: the next run re-claims it
      if (error instanceof PermanentMailError) {
        if (error.recipientRefused)
          await this.suppressions.suppress(
            fresh.email,
            `${error.responseCode} refused by the relay`,
            'smtp_reply',
          );
        await this.ledger.release(key, this.settings.owner);
        await this.ledger.discard(all);
        return 'rejected_by_relay';
      }
      await this.ledger.release(key, this.settings.owner);
      throw error;
    }
    // The crash window (F2): accepted by the relay, not yet recorded. The lease expires and the
    // next run resends the e-mail under the same Message-ID.
    this.faults.crashIfArmed(FAULT_POINTS.deliveryAfterSend);
    await this.ledger.markSent(
      key,
      alert.candidateId,
      selection.shown.map((m) => ({
        offerId: m.offerId,
        clusterId: offerStates.get(m.offerId)?.clusterId ?? m.clusterId,
      })),
      all,
      this.clock.now(),
    );
    return claim.takenOver ? 'resent_after_crash' : 'sent';
  }

  private count(kind: string, outcome: DispatchOutcome): DispatchOutcome {
    this.outcomes.inc({ kind, outcome });
    return outcome;
  }
}
