import { Inject, Injectable } from '@nestjs/common';
import { CandidateLinks, Clock } from '@vigie/kernel';
import { errorMessage, TransientError } from '@vigie/messaging';
import { FAULT_POINTS, FaultInjector, MetricsRegistry } from '@vigie/observability';
import type { Logger } from 'pino';
import { mailEnvelope, sendEnvelope } from '../mail/mail-envelope';
import { Mailer, OutgoingMail } from '../mail/mailer.port';
import { messageIdOf } from '../mail/message-id';
import { mapConcurrently } from '../map-concurrently';
import { AlertProjection, ProjectedAlert } from '../projection/alert-projection.port';
import { OfferStates } from '../projection/offer-states.port';
import { normaliseAddress, SuppressionList } from '../suppression/suppression-list.port';
import type { OfferState } from '../projection/offer-states.port';
import { DispatchItem, dueEmail, DueEmail, wavesOf } from './due-emails';
import { EmailLedger, SentEmail } from './email-ledger.port';
import { renderGroupedEmail, seeAllUrl } from './grouped-email';
import { QuietHours } from './local-time';
import { alertIsSendable, Selection, selectOffers, SelectionRules } from './select-offers';

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
  searchUrl: string;
  /** Alerts looked at per run and kind, so one run stays short. */
  batchLimit: number;
  /** E-mails handed to the relay at once (about the SMTP pool size). */
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

/** An e-mail built under the content rules, ready to be claimed and sent. */
interface ReadyEmail extends DueEmail {
  item: DispatchItem;
  alert: ProjectedAlert;
  selection: Selection;
  offerStates: ReadonlyMap<string, OfferState>;
}

/** E-mails claimed, re-checked and sent together: one claim, one re-read, one ledger write each. */
const CHUNK = 100;
const CHUNKS_IN_FLIGHT = 2;

/**
 * The dispatch job's one run: instant groups whose window has passed, and digests whose local slot
 * has come, each built under the content rules, re-checked, sent once through the e-mail ledger.
 *
 * Batched: each wave (one e-mail per candidate at most, `wavesOf`) reads its alerts, waiting
 * matches, suppressions, daily counts, offer states and already-sent offers with one query each;
 * then chunks of e-mails are claimed with one statement, the alerts re-read with one query right
 * before sending, sent concurrently over the SMTP pool, and recorded sent with one statement.
 * A failure of one e-mail is logged and counted and the run goes on, so one bad alert never holds
 * the others back (the next run tries it again).
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
    const outcomes: DispatchOutcome[] = [];
    for (const wave of wavesOf(due, digests)) outcomes.push(...(await this.dispatchWave(wave, now)));
    return outcomes;
  }

  private async dispatchWave(items: readonly DispatchItem[], now: Date): Promise<DispatchOutcome[]> {
    const outcomes: DispatchOutcome[] = [];
    const done = (item: DispatchItem, outcome: DispatchOutcome) =>
      outcomes.push(this.count(item.kind, outcome));
    const discards: string[] = [];
    const alertIds = items.map((i) => i.alertId);
    const [alerts, waiting] = await Promise.all([
      this.alerts.get(alertIds),
      this.ledger.waitingMatchesOf(alertIds),
    ]);
    const waitingOf = groupBy(waiting, (p) => p.alertId);

    const candidates: Array<DueEmail & { item: DispatchItem; alert: ProjectedAlert }> = [];
    for (const item of items) {
      const alert = alerts.get(item.alertId);
      // The match may come before its alert (two topics): wait; a tombstone removes both.
      if (!alert) {
        done(item, 'alert_unknown');
        continue;
      }
      const email = dueEmail(item, alert, waitingOf.get(item.alertId) ?? [], now, this.settings);
      if (typeof email === 'string') done(item, email);
      else if (!alertIsSendable(alert, now)) {
        // Paused, unsubscribed or deleted: what waited is not sent later. Snoozed: it waits.
        if (alert.snoozedUntil && alert.status === 'active') done(item, 'not_due');
        else {
          discards.push(...email.pending.map((p) => p.matchId));
          done(item, 'alert_stopped');
        }
      } else candidates.push({ ...email, item, alert });
    }

    const offerIds = candidates.flatMap((c) => c.pending.map((p) => p.offerId));
    const [suppressed, sentToday, offerStates] = await Promise.all([
      this.suppressions.suppressedAmong(candidates.map((c) => c.alert.email)),
      this.ledger.sentSince(
        candidates.map((c) => c.alert.candidateId),
        new Date(now.getTime() - 86_400_000),
      ),
      this.offers.get(offerIds),
    ]);
    const clustersOf = (c: (typeof candidates)[number]) => [
      ...new Set(
        c.pending
          .flatMap((p) => [p.clusterId, offerStates.get(p.offerId)?.clusterId ?? null])
          .filter((id): id is string => id !== null),
      ),
    ];
    const sent = await this.ledger.alreadySent(
      candidates.map((c) => ({
        candidateId: c.alert.candidateId,
        offerIds: c.pending.map((p) => p.offerId),
        clusterIds: clustersOf(c),
      })),
    );

    const ready: ReadyEmail[] = [];
    for (const c of candidates) {
      const all = c.pending.map((p) => p.matchId);
      if (suppressed.has(normaliseAddress(c.alert.email))) {
        discards.push(...all);
        done(c.item, 'suppressed');
        continue;
      }
      if ((sentToday.get(c.alert.candidateId) ?? 0) >= this.settings.dailyCap) {
        done(c.item, 'capped');
        continue;
      }
      const already = sent.get(c.alert.candidateId)!;
      const selection = selectOffers(
        c.pending,
        {
          alerts: new Map([[c.alert.alertId, c.alert]]),
          offers: offerStates,
          sentOffers: already.offers,
          sentClusters: already.clusters,
          now,
        },
        this.settings.rules,
      );
      if (selection.shown.length === 0) {
        discards.push(...all);
        done(c.item, 'nothing_new');
        continue;
      }
      ready.push({
        ...c,
        selection,
        offerStates,
      });
    }
    await this.ledger.discard(discards);

    // Two chunks in flight, so the relay connections keep sending while the other chunk is being
    // claimed, re-checked or recorded. Once the relay went away, chunks not started yet wait for
    // the next run unclaimed.
    const chunks: ReadyEmail[][] = [];
    for (let i = 0; i < ready.length; i += CHUNK) chunks.push(ready.slice(i, i + CHUNK));
    let relayDown = false;
    await mapConcurrently(chunks, CHUNKS_IN_FLIGHT, async (chunk) => {
      if (relayDown) {
        for (const email of chunk) done(email.item, 'retry_later');
        return;
      }
      const result = await this.sendChunk(chunk);
      for (const [email, outcome] of result.outcomes) done(email.item, outcome);
      relayDown ||= result.relayDown;
    });
    return outcomes;
  }

  /** Claims, renders, re-checks, sends and records one chunk of ready e-mails. */
  private async sendChunk(
    chunk: readonly ReadyEmail[],
  ): Promise<{ outcomes: Array<[ReadyEmail, DispatchOutcome]>; relayDown: boolean }> {
    const outcomes: Array<[ReadyEmail, DispatchOutcome]> = [];
    const releases: string[] = [];
    const discards: string[] = [];
    const giveUp = (email: ReadyEmail, outcome: DispatchOutcome) => {
      releases.push(email.key);
      discards.push(...email.pending.map((p) => p.matchId));
      outcomes.push([email, outcome]);
    };
    const claims = await this.ledger.claim(
      chunk.map((e) => ({
        key: e.key,
        candidateId: e.alert.candidateId,
        messageId: messageIdOf(e.key, this.settings.mailDomain),
      })),
      this.settings.owner,
      this.settings.leaseMs,
    );
    const built: Array<{ email: ReadyEmail; mail: OutgoingMail; takenOver: boolean }> = [];
    for (const email of chunk) {
      const claim = claims.get(email.key)!;
      if (!claim.claimed) {
        if (claim.state === 'sent') discards.push(...email.pending.map((p) => p.matchId));
        outcomes.push([email, claim.state === 'sent' ? 'already_sent' : 'in_flight']);
        continue;
      }
      try {
        built.push({ email, mail: this.compose(email), takenOver: claim.takenOver });
      } catch (error) {
        this.failed(email, error);
        releases.push(email.key);
        outcomes.push([email, 'failed']);
      }
    }

    // Send-time re-check: a pause or unsubscribe that landed while the e-mails were built wins.
    const fresh = await this.alerts.get(built.map((b) => b.email.alert.alertId));
    const checkedAt = this.clock.now();
    const toSend: typeof built = [];
    for (const b of built) {
      const alert = fresh.get(b.email.alert.alertId);
      if (!alert || !alertIsSendable(alert, checkedAt)) giveUp(b.email, 'alert_stopped');
      else toSend.push({ ...b, mail: { ...b.mail, to: alert.email } });
    }

    const results = await mapConcurrently(toSend, this.settings.concurrency, async (b) => ({
      b,
      result: await sendEnvelope(this.mailer, this.suppressions, b.mail),
    }));
    const accepted = results.filter((r) => r.result.kind === 'accepted').map((r) => r.b);
    // The crash window (F2): accepted by the relay, not yet recorded. The leases expire and the
    // next run resends those e-mails under the same Message-IDs.
    if (accepted.length > 0) this.faults.crashIfArmed(FAULT_POINTS.deliveryAfterSend);
    const unrecorded = await this.recordSent(accepted.map((b) => b.email));
    for (const b of accepted)
      outcomes.push([
        b.email,
        unrecorded.has(b.email.key) ? 'failed' : b.takenOver ? 'resent_after_crash' : 'sent',
      ]);

    let relayDown = false;
    for (const { b, result } of results) {
      if (result.kind === 'transient') {
        relayDown = true;
        outcomes.push([b.email, 'retry_later']); // our claim: the next run re-claims it
      } else if (result.kind === 'rejected') giveUp(b.email, 'rejected_by_relay');
      else if (result.kind === 'bug') {
        this.failed(b.email, result.error);
        releases.push(b.email.key);
        outcomes.push([b.email, 'failed']);
      }
    }
    await this.ledger.release(releases, this.settings.owner);
    await this.ledger.discard(discards);
    return { outcomes, relayDown };
  }

  /**
   * Records the chunk's accepted e-mails in one statement. Should that statement fail for a reason
   * that is not transient (one row the database refuses), each e-mail is recorded on its own, so
   * only the bad one is left to its lease instead of the whole chunk being resent: the keys
   * returned are those left unrecorded.
   */
  private async recordSent(emails: readonly ReadyEmail[]): Promise<Set<string>> {
    const records = emails.map(
      (e): SentEmail => ({
        key: e.key,
        candidateId: e.alert.candidateId,
        shown: e.selection.shown.map((m) => ({
          offerId: m.offerId,
          clusterId: e.offerStates.get(m.offerId)?.clusterId ?? m.clusterId,
        })),
        consumed: e.pending.map((p) => p.matchId),
      }),
    );
    const unrecorded = new Set<string>();
    try {
      await this.ledger.markSent(records, this.clock.now());
    } catch (error) {
      if (error instanceof TransientError || records.length === 1) throw error;
      for (const [i, record] of records.entries())
        await this.ledger.markSent([record], this.clock.now()).catch((e: unknown) => {
          if (e instanceof TransientError) throw e;
          this.failed(emails[i]!, e);
          unrecorded.add(record.key);
        });
    }
    return unrecorded;
  }

  private compose(email: ReadyEmail): OutgoingMail {
    const { alert, selection, mailKind } = email;
    // The candidate pages' signed, expiring link: a GET shows a button, the RFC 8058 POST unsubscribes.
    const unsubscribe = this.links.unsubscribe(alert.alertId);
    return mailEnvelope({
      ledgerKey: email.key,
      mailDomain: this.settings.mailDomain,
      to: alert.email,
      alertId: alert.alertId,
      unsubscribe,
      content: renderGroupedEmail(mailKind, selection.shown, selection.overflow.length, {
        unsubscribe,
        manage: this.links.manage(alert.alertId),
        seeAll: seeAllUrl(this.settings.searchUrl, alert.criteria),
      }),
    });
  }

  private failed(email: ReadyEmail, error: unknown): void {
    this.logger.error(
      { alertId: email.alert.alertId, kind: email.item.kind, err: errorMessage(error) },
      'dispatch of one alert failed',
    );
  }

  private count(kind: string, outcome: DispatchOutcome): DispatchOutcome {
    this.outcomes.inc({ kind, outcome });
    return outcome;
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
