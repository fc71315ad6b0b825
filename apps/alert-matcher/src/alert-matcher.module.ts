import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@vigie/contracts';
import { DatabaseModule, databaseSettingsFromEnv, isTransientDatabaseError } from '@vigie/database';
import {
  consumerSettingsFromEnv,
  kafkaSettingsFromEnv,
  MessagingModule,
  outboxSettingsFromEnv,
} from '@vigie/messaging';
import { loadGazetteer } from '@vigie/geo';
import { Clock, SystemClock } from '@vigie/kernel';
import { FaultInjector } from '@vigie/observability';
import { CANDIDATE_TOKEN_SECRET, CoreModule } from '@vigie/platform';
import type { Logger } from 'pino';
import { AlertRepository } from './alerts/alert.repository';
import { AlertsController } from './alerts/alerts.controller';
import { AlertCriteriaPolicy } from './alerts/alert-criteria';
import { ChangeAlertUseCase } from './alerts/change-alert.usecase';
import { ALERTS_PER_ADDRESS_MAX, CreateAlertUseCase } from './alerts/create-alert.usecase';
import { OptionalCandidateAuthGuard } from './alerts/optional-candidate-auth.guard';
import { PLACE_DIRECTORY, type PlaceDirectory } from './alerts/place-directory.port';
import { PgAlertRepository } from './alerts/pg-alert.repository';
import { UNSUBSCRIBE_SECRET, UnsubscribeController } from './alerts/unsubscribe.controller';
import { AlertMatcherConfig, SERVICE_NAME } from './config';
import { MatchOffersUseCase } from './matching/match-offers.usecase';
import { MatchRepository, PgMatchRepository } from './matching/match.repository';
import { OfferIndexedConsumer } from './matching/offer-indexed.consumer';
import { CreateAlerts1764400000002 } from './migrations/1764400000002-create-alerts';
import { EventTableRetention1764700000011 } from './migrations/1764700000011-event-table-retention';
import { AlertsOnSearchCriteria1764900000008 } from './migrations/1764900000008-alerts-on-search-criteria';

@Module({})
export class AlertMatcherModule {
  static register(config: AlertMatcherConfig, logger: Logger): DynamicModule {
    return {
      module: AlertMatcherModule,
      imports: [
        CoreModule.forRoot(logger),
        DatabaseModule.forRoot(
          databaseSettingsFromEnv(config, SERVICE_NAME, [
            CreateAlerts1764400000002,
            EventTableRetention1764700000011,
            AlertsOnSearchCriteria1764900000008,
          ]),
        ),
        MessagingModule.forRoot({
          kafka: kafkaSettingsFromEnv(config, SERVICE_NAME),
          consumer: consumerSettingsFromEnv(config),
          logger,
          faults: new FaultInjector(config.FAULT_INJECTION, config.NODE_ENV),
          produces: [TOPICS.matchCreated, TOPICS.alertChanged],
          consumes: [TOPICS.offerIndexed],
          classifiers: [(e) => (isTransientDatabaseError(e) ? 'transient' : undefined)],
          outbox: outboxSettingsFromEnv(config),
        }),
      ],
      controllers: [AlertsController, UnsubscribeController, OfferIndexedConsumer],
      providers: [
        { provide: CANDIDATE_TOKEN_SECRET, useValue: config.CANDIDATE_TOKEN_SECRET },
        { provide: UNSUBSCRIBE_SECRET, useValue: config.UNSUBSCRIBE_SECRET },
        { provide: ALERTS_PER_ADDRESS_MAX, useValue: config.ALERTS_PER_ADDRESS_MAX },
        { provide: Clock, useValue: new SystemClock() },
        // Loaded once at start (a few hundred ms from its cache), then used synchronously.
        { provide: PLACE_DIRECTORY, useFactory: (): PlaceDirectory => loadGazetteer() },
        {
          provide: AlertCriteriaPolicy,
          useFactory: (places: PlaceDirectory) => new AlertCriteriaPolicy(places),
          inject: [PLACE_DIRECTORY],
        },
        OptionalCandidateAuthGuard,
        { provide: AlertRepository, useClass: PgAlertRepository },
        { provide: MatchRepository, useClass: PgMatchRepository },
        CreateAlertUseCase,
        ChangeAlertUseCase,
        MatchOffersUseCase,
      ],
    };
  }
}
