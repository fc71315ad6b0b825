import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@vigie/observability';
import { CandidateAddresses } from '../candidate-notices/candidate-addresses.port';
import { EmailLedger } from '../dispatch/email-ledger.port';
import { AlertProjection } from '../projection/alert-projection.port';
import { normaliseAddress, SuppressionList } from '../suppression/suppression-list.port';
import { isPermanentFailure, RecipientStatus } from './delivery-status';

export type BounceOutcome = 'suppressed' | 'transient_ignored' | 'untrusted' | 'not_a_report';

/** A delivery status notification as received: the returned message's id and each recipient's status. */
export interface BounceReport {
  isReport: boolean;
  returnedMessageId: string | null;
  statuses: readonly RecipientStatus[];
}

/**
 * A DSN came back to the bounce address. It is trusted only when it returns an e-mail the ledger
 * recorded (its Message-ID) and names an address of that e-mail's candidate (an alert's, or the
 * notification address of the CV e-mails): anyone can send mail
 * to the bounce address, and a forged report must not silence someone else. Each such recipient
 * that failed for good (5.x.x) is suppressed; delays and 4.x.x are left to the relay's retries.
 * Suppressing is idempotent, so a report received twice changes nothing.
 */
@Injectable()
export class RecordBounceUseCase {
  private readonly outcomes;

  constructor(
    private readonly ledger: EmailLedger,
    private readonly alerts: AlertProjection,
    private readonly candidates: CandidateAddresses,
    private readonly suppressions: SuppressionList,
    metrics: MetricsRegistry,
  ) {
    this.outcomes = metrics.counter('bounces_total', 'Delivery status notifications received, by outcome', [
      'outcome',
    ]);
  }

  async execute(report: BounceReport): Promise<BounceOutcome[]> {
    if (!report.isReport || report.statuses.length === 0) return [this.count('not_a_report')];
    const candidateId = report.returnedMessageId
      ? await this.ledger.candidateOfMessage(report.returnedMessageId)
      : null;
    const addresses = new Set<string>();
    if (candidateId) {
      for (const a of await this.alerts.addressesOf(candidateId)) addresses.add(normaliseAddress(a));
      const notified = (await this.candidates.addressesOf([candidateId])).get(candidateId);
      if (notified) addresses.add(normaliseAddress(notified));
    }
    const outcomes: BounceOutcome[] = [];
    for (const s of report.statuses) {
      if (!addresses.has(normaliseAddress(s.recipient))) outcomes.push(this.count('untrusted'));
      else if (!isPermanentFailure(s)) outcomes.push(this.count('transient_ignored'));
      else {
        await this.suppressions.suppress(
          s.recipient,
          `DSN ${s.status}${s.diagnostic ? ` ${s.diagnostic}` : ''}`,
          'bounce',
        );
        outcomes.push(this.count('suppressed'));
      }
    }
    return outcomes;
  }

  private count(outcome: BounceOutcome): BounceOutcome {
    this.outcomes.inc({ outcome });
    return outcome;
  }
}
