import { TransientError } from '@vigie/messaging';
import type {
  AlreadySent,
  ClaimRequest,
  EmailClaim,
  SentEmail,
  WaitingAlert,
} from '../dispatch/email-ledger.port';
import { EmailLedger } from '../dispatch/email-ledger.port';
import { Mailer, OutgoingMail, PermanentMailError } from '../mail/mailer.port';
import type { PendingMatch } from '../projection/pending-matches.port';
import { normaliseAddress, SuppressionList } from '../suppression/suppression-list.port';
import type { CandidateNotice, NewNotice } from './candidate-notice';
import { AddressChange, CandidateAddresses } from './candidate-addresses.port';
import { CandidateNotices } from './candidate-notices.port';
import { CvEmailPreferences } from './cv-email-preferences.port';

/** Typed in-memory fakes of the CV e-mails' ports, for unit tests. */
export class InMemoryNotices extends CandidateNotices {
  readonly rows = new Map<string, CandidateNotice & { nextAttemptAt: Date }>();
  record(notices: readonly NewNotice[]): Promise<number> {
    let n = 0;
    for (const notice of notices)
      if (!this.rows.has(notice.key)) {
        this.rows.set(notice.key, {
          key: notice.key,
          candidateId: notice.candidateId,
          content: notice.content,
          receivedAt: notice.receivedAt,
          nextAttemptAt: notice.receivedAt,
        });
        n++;
      }
    return Promise.resolve(n);
  }
  due(now: Date, limit: number): Promise<CandidateNotice[]> {
    return Promise.resolve(
      [...this.rows.values()]
        .filter((r) => r.nextAttemptAt <= now)
        .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime())
        .slice(0, limit)
        .map(({ nextAttemptAt: _, ...notice }) => notice),
    );
  }
  postpone(keys: readonly string[], until: Date): Promise<void> {
    for (const k of keys) this.rows.get(k)!.nextAttemptAt = until;
    return Promise.resolve();
  }
  remove(keys: readonly string[]): Promise<void> {
    for (const k of keys) this.rows.delete(k);
    return Promise.resolve();
  }
}

export class InMemoryAddresses extends CandidateAddresses {
  readonly byCandidate = new Map<string, string>();
  apply(changes: readonly AddressChange[]): Promise<void> {
    for (const c of changes)
      if (c.kind === 'address') this.byCandidate.set(c.candidateId, c.email);
      else this.byCandidate.delete(c.candidateId);
    return Promise.resolve();
  }
  addressesOf(ids: readonly string[]): Promise<Map<string, string>> {
    return Promise.resolve(
      new Map(
        ids.flatMap((id) => (this.byCandidate.has(id) ? [[id, this.byCandidate.get(id)!] as const] : [])),
      ),
    );
  }
}

export class InMemoryPreferences extends CvEmailPreferences {
  readonly optedOut = new Set<string>();
  optOut(candidateId: string): Promise<void> {
    this.optedOut.add(candidateId);
    return Promise.resolve();
  }
  optedOutAmong(ids: readonly string[]): Promise<Set<string>> {
    return Promise.resolve(new Set(ids.filter((id) => this.optedOut.has(id))));
  }
}

export class InMemorySuppressions extends SuppressionList {
  readonly addresses = new Set<string>();
  suppressedAmong(addresses: readonly string[]): Promise<Set<string>> {
    return Promise.resolve(new Set(addresses.map(normaliseAddress).filter((a) => this.addresses.has(a))));
  }
  suppress(address: string): Promise<void> {
    this.addresses.add(normaliseAddress(address));
    return Promise.resolve();
  }
}

/** Only what one-off e-mails use (claim, markSent, release); the dispatch's reads are not faked. */
export class InMemoryEmailLedger extends EmailLedger {
  readonly rows = new Map<string, { status: 'sending' | 'sent'; owner: string }>();
  claim(requests: readonly ClaimRequest[], owner: string): Promise<Map<string, EmailClaim>> {
    const result = new Map<string, EmailClaim>();
    for (const r of requests) {
      const row = this.rows.get(r.key);
      if (!row) {
        this.rows.set(r.key, { status: 'sending', owner });
        result.set(r.key, { claimed: true, takenOver: false });
      } else if (row.status === 'sent') result.set(r.key, { claimed: false, state: 'sent' });
      else if (row.owner === owner) result.set(r.key, { claimed: true, takenOver: false });
      else result.set(r.key, { claimed: false, state: 'in_flight' });
    }
    return Promise.resolve(result);
  }
  markSent(emails: readonly SentEmail[]): Promise<void> {
    for (const e of emails) this.rows.get(e.key)!.status = 'sent';
    return Promise.resolve();
  }
  release(keys: readonly string[], owner: string): Promise<void> {
    for (const k of keys) if (this.rows.get(k)?.owner === owner) this.rows.delete(k);
    return Promise.resolve();
  }
  dueInstantGroups(): Promise<WaitingAlert[]> {
    throw new Error('not used by one-off e-mails');
  }
  digestAlertsWaiting(): Promise<WaitingAlert[]> {
    throw new Error('not used by one-off e-mails');
  }
  waitingMatchesOf(): Promise<PendingMatch[]> {
    throw new Error('not used by one-off e-mails');
  }
  alreadySent(): Promise<Map<string, AlreadySent>> {
    throw new Error('not used by one-off e-mails');
  }
  sentSince(): Promise<Map<string, number>> {
    throw new Error('not used by one-off e-mails');
  }
  awaitingConfirmation(): Promise<string[]> {
    throw new Error('not used by one-off e-mails');
  }
  candidateOfMessage(): Promise<string | null> {
    throw new Error('not used by one-off e-mails');
  }
  discard(): Promise<void> {
    throw new Error('not used by one-off e-mails');
  }
}

/** Records what it is given; `refuse` makes the relay answer one address with a 4xx or a 5xx. */
export class RecordingMailer extends Mailer {
  readonly sent: OutgoingMail[] = [];
  readonly refuse = new Map<string, 'transient' | 'permanent'>();
  send(mail: OutgoingMail): Promise<void> {
    const refusal = this.refuse.get(mail.to);
    if (refusal === 'transient') return Promise.reject(new TransientError('451 try again later'));
    if (refusal === 'permanent') return Promise.reject(new PermanentMailError('550 no such user', 550, true));
    this.sent.push(mail);
    return Promise.resolve();
  }
}
