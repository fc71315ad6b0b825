import { Clock } from '@vigie/kernel';
import { errorMessage, TransientError } from '@vigie/messaging';
import { MetricsRegistry } from '@vigie/observability';
import type { Logger } from 'pino';
import { EmailLedger } from '../dispatch/email-ledger.port';
import { mailEnvelope, sendEnvelope } from '../mail/mail-envelope';
import { Mailer } from '../mail/mailer.port';
import { messageIdOf } from '../mail/message-id';
import { mapConcurrently } from '../map-concurrently';
import { normaliseAddress, SuppressionList } from '../suppression/suppression-list.port';
import type { CandidateNotice } from './candidate-notice';
import { renderNoticeEmail } from './candidate-notice-email';
import { CandidateAddresses } from './candidate-addresses.port';
import { CandidateNotices } from './candidate-notices.port';
import { CvEmailLinks } from './cv-email-links';
import { CvEmailPreferences } from './cv-email-preferences.port';

export type NoticeOutcome =
  | 'sent'
  | 'resent_after_crash'
  | 'already_sent'
  | 'in_flight'
  | 'waiting_for_address'
  | 'dropped_no_address'
  | 'suppressed'
  | 'opted_out'
  | 'rejected_by_relay'
  | 'retry_later'
  | 'failed';

export interface NoticeSettings {
  /** How long an e-mail waits for its candidate's address before it is dropped. */
  holdMs: number;
  /** Pause before an e-mail not sent this run (address unknown, relay down…) is tried again. */
  retryMs: number;
  batchLimit: number;
  concurrency: number;
  leaseMs: number;
  owner: string;
  mailDomain: string;
}

export interface NoticePorts {
  notices: CandidateNotices;
  addresses: CandidateAddresses;
  preferences: CvEmailPreferences;
  ledger: EmailLedger;
  suppressions: SuppressionList;
  mailer: Mailer;
  links: CvEmailLinks;
  clock: Clock;
}

/**
 * Sends the candidates' CV e-mails waiting in `candidate_notices`, each once: its ledger key
 * (`cv:<kind>:<event>`) is claimed before sending and recorded sent after, as every e-mail of
 * alert-delivery. The address is the candidate's verified notification address, resolved at send
 * time, never carried by the event: unknown yet, the e-mail waits (tried again every `retryMs`)
 * and is dropped after `holdMs` with a metric and a log line naming only the ledger key. A
 * suppressed address, or a candidate who turned these e-mails off, gets nothing (the retention
 * warning is a legal notice: only suppression stops it).
 */
export class SendCandidateNoticesUseCase {
  private readonly outcomes;

  constructor(
    private readonly ports: NoticePorts,
    private readonly settings: NoticeSettings,
    private readonly logger: Logger,
    metrics: MetricsRegistry,
  ) {
    this.outcomes = metrics.counter('cv_emails_total', 'Candidates’ CV e-mails, by kind and outcome', [
      'kind',
      'outcome',
    ]);
  }

  async run(): Promise<NoticeOutcome[]> {
    const { notices, addresses, preferences, suppressions, clock } = this.ports;
    const now = clock.now();
    const due = await notices.due(now, this.settings.batchLimit);
    if (due.length === 0) return [];
    const candidateIds = due.map((n) => n.candidateId);
    const [known, optedOut] = await Promise.all([
      addresses.addressesOf(candidateIds),
      preferences.optedOutAmong(candidateIds),
    ]);
    const suppressed = await suppressions.suppressedAmong([...known.values()]);
    const outcomes = await mapConcurrently(due, this.settings.concurrency, async (notice) => {
      let outcome: NoticeOutcome;
      try {
        const email = known.get(notice.candidateId);
        if (email === undefined) outcome = this.withoutAddress(notice, now);
        else if (suppressed.has(normaliseAddress(email))) outcome = 'suppressed';
        else if (optedOut.has(notice.candidateId) && notice.content.kind !== 'retention-warning')
          outcome = 'opted_out';
        else outcome = await this.send(notice, email);
      } catch (error) {
        if (error instanceof TransientError) throw error; // the job backs off and runs again
        this.logger.error({ noticeKey: notice.key, err: errorMessage(error) }, 'CV e-mail failed');
        outcome = 'failed';
      }
      this.outcomes.inc({ kind: notice.content.kind, outcome });
      return outcome;
    });
    // Finished rows go; the others (no address yet, relay down, another replica sending, a bug)
    // are tried again `retryMs` later, so they never crowd out the newer ones.
    const done = due.filter((_, i) => FINAL.has(outcomes[i]!)).map((n) => n.key);
    await notices.remove(done);
    await notices.postpone(
      due.filter((_, i) => !FINAL.has(outcomes[i]!)).map((n) => n.key),
      new Date(now.getTime() + this.settings.retryMs),
    );
    return outcomes;
  }

  private withoutAddress(notice: CandidateNotice, now: Date): NoticeOutcome {
    if (now.getTime() - notice.receivedAt.getTime() < this.settings.holdMs) return 'waiting_for_address';
    // The key holds an event id, never the candidate nor an address.
    this.logger.warn({ noticeKey: notice.key }, 'CV e-mail dropped: no notification address known');
    return 'dropped_no_address';
  }

  private async send(notice: CandidateNotice, email: string): Promise<NoticeOutcome> {
    const { ledger, mailer, suppressions, links, clock } = this.ports;
    const { owner, leaseMs, mailDomain } = this.settings;
    const key = notice.key;
    const claim = (
      await ledger.claim(
        [{ key, candidateId: notice.candidateId, messageId: messageIdOf(key, mailDomain) }],
        owner,
        leaseMs,
      )
    ).get(key)!;
    if (!claim.claimed) return claim.state === 'sent' ? 'already_sent' : 'in_flight';
    const candidateLinks = links.forCandidate(notice.candidateId);
    const optional = notice.content.kind !== 'retention-warning';
    const mail = mailEnvelope({
      ledgerKey: key,
      mailDomain,
      to: email,
      unsubscribe: optional ? candidateLinks.unsubscribe : null,
      content: renderNoticeEmail(notice.content, candidateLinks),
      headers: { 'X-Vigie-Notice': notice.content.kind },
    });
    const sent = await sendEnvelope(mailer, suppressions, mail);
    if (sent.kind === 'transient') return 'retry_later'; // our claim: the next run re-claims it
    if (sent.kind === 'rejected') return 'rejected_by_relay'; // never retried; a refused address is suppressed
    if (sent.kind === 'bug') {
      await ledger.release([key], owner);
      throw sent.error;
    }
    await ledger.markSent([{ key, candidateId: notice.candidateId, shown: [], consumed: [] }], clock.now());
    return claim.takenOver ? 'resent_after_crash' : 'sent';
  }
}

/** Outcomes after which the notice row has nothing left to do (the ledger remembers what was sent). */
const FINAL: ReadonlySet<NoticeOutcome> = new Set<NoticeOutcome>([
  'sent',
  'resent_after_crash',
  'already_sent',
  'dropped_no_address',
  'suppressed',
  'opted_out',
  'rejected_by_relay',
]);
