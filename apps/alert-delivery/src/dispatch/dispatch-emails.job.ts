import { ScheduledJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { SendCandidateNoticesUseCase } from '../candidate-notices/send-candidate-notices.usecase';
import { SendConfirmationsUseCase } from '../confirmation/send-confirmations.usecase';
import { DispatchEmailsUseCase } from './dispatch-emails.usecase';

/**
 * Runs the confirmation e-mails (double opt-in), the dispatch, then the candidates' CV e-mails in the
 * background on every replica; the e-mail ledger's claims keep two
 * replicas from sending the same e-mail. What is due is decided by the use case on the Clock port.
 */
export class DispatchEmailsJob extends ScheduledJob {
  constructor(
    dispatch: DispatchEmailsUseCase,
    confirmations: SendConfirmationsUseCase,
    cvEmails: SendCandidateNoticesUseCase,
    intervalMs: number,
    logger: Logger,
  ) {
    const run = async () => {
      const isSent = (o: string) => o === 'sent' || o === 'resent_after_crash';
      const confirmed = (await confirmations.run()).filter(isSent).length;
      if (confirmed > 0) logger.info({ sent: confirmed }, 'confirmation e-mails sent');
      const sent = (await dispatch.run()).filter(isSent).length;
      if (sent > 0) logger.info({ sent }, 'grouped e-mails sent');
      const cvSent = (await cvEmails.run()).filter(isSent).length;
      if (cvSent > 0) logger.info({ sent: cvSent }, 'CV e-mails sent');
    };
    super({ name: 'dispatch-emails', intervalMs, logger, run });
  }
}
