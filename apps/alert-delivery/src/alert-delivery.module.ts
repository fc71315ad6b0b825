import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DynamicModule, Module, OnApplicationShutdown } from '@nestjs/common';
import { TOPICS } from '@vigie/contracts';
import {
  DatabaseModule,
  databaseSettingsFromEnv,
  isTransientDatabaseError,
  sharedSubjectKeyProviders,
} from '@vigie/database';
import { consumerSettingsFromEnv, kafkaSettingsFromEnv, MessagingModule } from '@vigie/messaging';
import { FaultInjector, HealthRegistry } from '@vigie/observability';
import { CoreModule, INTERNAL_API_TOKEN, InternalTokenGuard } from '@vigie/platform';
import { CandidateLinks, Clock, SignedTokens, SystemClock } from '@vigie/kernel';
import type { Logger } from 'pino';
import { AlertDeliveryConfig, SERVICE_NAME } from './config';
import {
  CandidateNoticeConsumers,
  NotificationAddressConsumer,
} from './candidate-notices/candidate-notices.consumers';
import { candidateNoticeProviders } from './candidate-notices/candidate-notices.providers';
import { CvEmailsOptOutController } from './candidate-notices/cv-emails-opt-out.controller';
import { SendCandidateNoticesUseCase } from './candidate-notices/send-candidate-notices.usecase';
import { ErasureRequestedConsumer } from './erasure/erasure-requested.consumer';
import { erasureProviders } from './erasure/erasure.providers';
import { CandidateDeliveryStore } from './erasure/candidate-deliveries.port';
import { PruneErasureMarkersJob } from './erasure/prune-erasure-markers.job';
import { PruneErasureMarkersUseCase } from './erasure/prune-erasure-markers.usecase';
import {
  DeliverMatchesUseCase,
  DELIVERY_SETTINGS,
  DeliverySettings,
} from './delivery/deliver-matches.usecase';
import { DeliveryLedger, PgDeliveryLedger } from './delivery/delivery-ledger';
import { MatchCreatedConsumer } from './delivery/match-created.consumer';
import { Mailer } from './mail/mailer.port';
import { SmtpMailer } from './mail/smtp-mailer';
import { AlertProjection } from './projection/alert-projection.port';
import { OfferStates } from './projection/offer-states.port';
import { PendingMatches } from './projection/pending-matches.port';
import { PgAlertProjection } from './projection/pg-alert-projection';
import { PgOfferStates } from './projection/pg-offer-states';
import { PgPendingMatches } from './projection/pg-pending-matches';
import {
  ProjectAlertChangesUseCase,
  ProjectOfferChangesUseCase,
  RecordMatchesUseCase,
} from './projection/project-changes.usecase';
import {
  AlertChangedConsumer,
  MatchCreatedV2Consumer,
  OfferChangedConsumer,
} from './projection/projection.consumers';
import { ReceiveMatchesUseCase } from './projection/receive-matches.usecase';
import { DsnReceiver } from './bounce/dsn-receiver';
import { RecordBounceUseCase } from './bounce/record-bounce.usecase';
import { SendConfirmationsUseCase } from './confirmation/send-confirmations.usecase';
import { DispatchEmailsJob } from './dispatch/dispatch-emails.job';
import {
  DISPATCH_LOGGER,
  DISPATCH_SETTINGS,
  DispatchEmailsUseCase,
  DispatchSettings,
} from './dispatch/dispatch-emails.usecase';
import { EmailLedger } from './dispatch/email-ledger.port';
import { PgEmailLedger } from './dispatch/pg-email-ledger';
import { DEFAULT_SELECTION_RULES } from './dispatch/select-offers';
import { ALERT_DELIVERY_MIGRATIONS } from './migrations/alert-delivery-migrations';
import { PgSentOffersQuery } from './sent/pg-sent-offers.query';
import { SentOffersController } from './sent/sent-offers.controller';
import { SentOffersQuery } from './sent/sent-offers.port';
import { PgSuppressionList } from './suppression/pg-suppression-list';
import { SuppressionList } from './suppression/suppression-list.port';

/** The domain of the From address, used for Message-IDs. */
function mailDomain(from: string): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? 'vigie.localhost';
}

@Module({})
export class AlertDeliveryModule implements OnApplicationShutdown {
  constructor(private readonly mailer: Mailer) {}

  static register(config: AlertDeliveryConfig, logger: Logger): DynamicModule {
    const faults = new FaultInjector(config.FAULT_INJECTION, config.NODE_ENV);
    return {
      module: AlertDeliveryModule,
      imports: [
        CoreModule.forRoot(logger),
        DatabaseModule.forRoot(databaseSettingsFromEnv(config, SERVICE_NAME, ALERT_DELIVERY_MIGRATIONS)),
        MessagingModule.forRoot({
          kafka: kafkaSettingsFromEnv(config, SERVICE_NAME),
          consumer: consumerSettingsFromEnv(config),
          logger,
          faults,
          produces: [TOPICS.erasureConfirmed],
          consumes: [
            TOPICS.matchCreated,
            TOPICS.matchCreatedV2,
            TOPICS.alertChanged,
            TOPICS.offerChanged,
            TOPICS.erasureRequested,
            TOPICS.candidateNotificationAddressChanged,
            TOPICS.cvViewSummaryCreated,
            TOPICS.cvRetentionWarningCreated,
            TOPICS.cvContactRequestCreated,
          ],
          classifiers: [(e) => (isTransientDatabaseError(e) ? 'transient' : undefined)],
        }),
      ],
      controllers: [
        MatchCreatedConsumer,
        MatchCreatedV2Consumer,
        AlertChangedConsumer,
        OfferChangedConsumer,
        SentOffersController,
        ErasureRequestedConsumer,
        CandidateNoticeConsumers,
        NotificationAddressConsumer,
        CvEmailsOptOutController,
      ],
      providers: [
        { provide: FaultInjector, useValue: faults },
        { provide: INTERNAL_API_TOKEN, useValue: config.INTERNAL_API_TOKEN },
        InternalTokenGuard,
        { provide: SentOffersQuery, useClass: PgSentOffersQuery },
        {
          provide: Mailer,
          useFactory: (health: HealthRegistry) => {
            const mailer = new SmtpMailer({
              url: config.SMTP_URL,
              from: config.MAIL_FROM,
              requireTls: config.SMTP_REQUIRE_TLS,
              maxConnections: config.SMTP_MAX_CONNECTIONS,
              ratePerSecond: config.SMTP_RATE_PER_SECOND,
              bounceAddress: config.MAIL_BOUNCE_ADDRESS,
              dkim: config.DKIM_PRIVATE_KEY
                ? {
                    domainName: mailDomain(config.MAIL_FROM),
                    keySelector: config.DKIM_SELECTOR,
                    privateKey: config.DKIM_PRIVATE_KEY,
                  }
                : undefined,
            });
            health.register(mailer);
            return mailer;
          },
          inject: [HealthRegistry],
        },
        {
          provide: DELIVERY_SETTINGS,
          useValue: {
            alertsPublicUrl: config.ALERTS_PUBLIC_URL.replace(/\/$/, ''),
            unsubscribeSecret: config.UNSUBSCRIBE_SECRET,
            leaseMs: config.DELIVERY_LEASE_MS,
            mailDomain: mailDomain(config.MAIL_FROM),
            owner: `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`,
            concurrency: config.SMTP_MAX_CONNECTIONS,
          } satisfies DeliverySettings,
        },
        { provide: DeliveryLedger, useClass: PgDeliveryLedger },
        { provide: EmailLedger, useClass: PgEmailLedger },
        { provide: DISPATCH_LOGGER, useValue: logger },
        {
          provide: DISPATCH_SETTINGS,
          useFactory: (delivery: DeliverySettings): DispatchSettings => {
            const [start, end] = config.DELIVERY_QUIET_HOURS.split('-').map(Number);
            return {
              groupWindowMs: config.DELIVERY_GROUP_WINDOW_MS,
              quietHours: { start: start!, end: end! },
              dailyCap: config.DELIVERY_DAILY_CAP,
              rules: DEFAULT_SELECTION_RULES,
              leaseMs: delivery.leaseMs,
              owner: delivery.owner,
              mailDomain: delivery.mailDomain,
              searchUrl: config.SEARCH_PUBLIC_URL,
              batchLimit: 500,
              concurrency: config.SMTP_MAX_CONNECTIONS,
            };
          },
          inject: [DELIVERY_SETTINGS],
        },
        DispatchEmailsUseCase,
        SendConfirmationsUseCase,
        {
          provide: CandidateLinks,
          useFactory: (clock: Clock) =>
            new CandidateLinks(config.ALERTS_PUBLIC_URL, new SignedTokens(config.ALERT_LINK_SECRET, clock)),
          inject: [Clock],
        },
        {
          provide: DispatchEmailsJob,
          useFactory: (
            dispatch: DispatchEmailsUseCase,
            confirmations: SendConfirmationsUseCase,
            cvEmails: SendCandidateNoticesUseCase,
          ) =>
            new DispatchEmailsJob(
              dispatch,
              confirmations,
              cvEmails,
              config.DELIVERY_DISPATCH_INTERVAL_MS,
              logger,
            ),
          inject: [DispatchEmailsUseCase, SendConfirmationsUseCase, SendCandidateNoticesUseCase],
        },
        { provide: SuppressionList, useClass: PgSuppressionList },
        RecordBounceUseCase,
        ...(config.BOUNCE_SMTP_PORT !== undefined
          ? [
              {
                provide: DsnReceiver,
                useFactory: (record: RecordBounceUseCase) =>
                  new DsnReceiver(
                    { host: config.BOUNCE_SMTP_HOST, port: config.BOUNCE_SMTP_PORT! },
                    record,
                    logger,
                  ),
                inject: [RecordBounceUseCase],
              },
            ]
          : []),
        { provide: AlertProjection, useClass: PgAlertProjection },
        { provide: OfferStates, useClass: PgOfferStates },
        { provide: PendingMatches, useClass: PgPendingMatches },
        { provide: Clock, useClass: SystemClock },
        ProjectAlertChangesUseCase,
        ProjectOfferChangesUseCase,
        RecordMatchesUseCase,
        // The candidates' keys alert-matcher seals the match topics with (docs/cv.md): read here.
        ...sharedSubjectKeyProviders(config),
        ReceiveMatchesUseCase,
        DeliverMatchesUseCase,
        ...erasureProviders,
        {
          provide: PruneErasureMarkersUseCase,
          useFactory: (store: CandidateDeliveryStore, clock: Clock) =>
            new PruneErasureMarkersUseCase(store, clock),
          inject: [CandidateDeliveryStore, Clock],
        },
        {
          provide: PruneErasureMarkersJob,
          useFactory: (prune: PruneErasureMarkersUseCase) =>
            new PruneErasureMarkersJob(prune, logger.child({ component: 'erasure' })),
          inject: [PruneErasureMarkersUseCase],
        },
        ...candidateNoticeProviders(config, logger),
      ],
    };
  }

  onApplicationShutdown(): void {
    if (this.mailer instanceof SmtpMailer) this.mailer.close();
  }
}
