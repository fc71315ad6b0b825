import type { Provider } from '@nestjs/common';
import { Clock, SignedTokens, SubjectCipher } from '@vigie/kernel';
import { MetricsRegistry } from '@vigie/observability';
import type { Logger } from 'pino';
import { DELIVERY_SETTINGS, type DeliverySettings } from '../delivery/deliver-matches.usecase';
import { EmailLedger } from '../dispatch/email-ledger.port';
import { Mailer } from '../mail/mailer.port';
import { SuppressionList } from '../suppression/suppression-list.port';
import { CandidateAddresses } from './candidate-addresses.port';
import { CandidateNotices } from './candidate-notices.port';
import { CvEmailLinks } from './cv-email-links';
import { CvEmailPreferences } from './cv-email-preferences.port';
import { OptOutOfCvEmailsUseCase } from './opt-out-of-cv-emails.usecase';
import { PgCandidateAddresses } from './pg-candidate-addresses';
import { PgCandidateNotices } from './pg-candidate-notices';
import { PgCvEmailPreferences } from './pg-cv-email-preferences';
import {
  ProjectCandidateAddressesUseCase,
  RecordCandidateNoticesUseCase,
} from './record-candidate-notices.usecase';
import { ReceiveCandidateNoticesUseCase } from './receive-candidate-notices.usecase';
import { SendCandidateNoticesUseCase } from './send-candidate-notices.usecase';

export interface CvEmailConfig {
  CANDIDATE_SPACE_URL: string;
  DELIVERY_PUBLIC_URL: string;
  CV_EMAIL_HOLD_MS: number;
  ALERT_LINK_SECRET: string;
  SMTP_MAX_CONNECTIONS: number;
}

/** The candidates' CV e-mails: the module lists these, the two consumers and the opt-out controller. */
export function candidateNoticeProviders(config: CvEmailConfig, logger: Logger): Provider[] {
  return [
    { provide: CandidateAddresses, useClass: PgCandidateAddresses },
    { provide: CandidateNotices, useClass: PgCandidateNotices },
    { provide: CvEmailPreferences, useClass: PgCvEmailPreferences },
    {
      provide: CvEmailLinks,
      useFactory: (clock: Clock) =>
        new CvEmailLinks(
          config.CANDIDATE_SPACE_URL,
          config.DELIVERY_PUBLIC_URL,
          new SignedTokens(config.ALERT_LINK_SECRET, clock),
        ),
      inject: [Clock],
    },
    {
      provide: RecordCandidateNoticesUseCase,
      useFactory: (notices: CandidateNotices, clock: Clock) =>
        new RecordCandidateNoticesUseCase(notices, clock),
      inject: [CandidateNotices, Clock],
    },
    {
      provide: ReceiveCandidateNoticesUseCase,
      useFactory: (cipher: SubjectCipher, record: RecordCandidateNoticesUseCase) =>
        new ReceiveCandidateNoticesUseCase(cipher, record),
      inject: [SubjectCipher, RecordCandidateNoticesUseCase],
    },
    {
      provide: ProjectCandidateAddressesUseCase,
      useFactory: (addresses: CandidateAddresses) => new ProjectCandidateAddressesUseCase(addresses),
      inject: [CandidateAddresses],
    },
    {
      provide: OptOutOfCvEmailsUseCase,
      useFactory: (links: CvEmailLinks, preferences: CvEmailPreferences, clock: Clock) =>
        new OptOutOfCvEmailsUseCase(links, preferences, clock),
      inject: [CvEmailLinks, CvEmailPreferences, Clock],
    },
    {
      provide: SendCandidateNoticesUseCase,
      useFactory: (
        notices: CandidateNotices,
        addresses: CandidateAddresses,
        preferences: CvEmailPreferences,
        ledger: EmailLedger,
        suppressions: SuppressionList,
        mailer: Mailer,
        links: CvEmailLinks,
        clock: Clock,
        delivery: DeliverySettings,
        metrics: MetricsRegistry,
      ) =>
        new SendCandidateNoticesUseCase(
          { notices, addresses, preferences, ledger, suppressions, mailer, links, clock },
          {
            holdMs: config.CV_EMAIL_HOLD_MS,
            retryMs: 60_000,
            batchLimit: 500,
            concurrency: config.SMTP_MAX_CONNECTIONS,
            leaseMs: delivery.leaseMs,
            owner: delivery.owner,
            mailDomain: delivery.mailDomain,
          },
          logger.child({ component: 'cv-emails' }),
          metrics,
        ),
      inject: [
        CandidateNotices,
        CandidateAddresses,
        CvEmailPreferences,
        EmailLedger,
        SuppressionList,
        Mailer,
        CvEmailLinks,
        Clock,
        DELIVERY_SETTINGS,
        MetricsRegistry,
      ],
    },
  ];
}
