import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@vigie/contracts';
import { DatabaseModule, databaseSettingsFromEnv, isTransientDatabaseError } from '@vigie/database';
import {
  consumerSettingsFromEnv,
  kafkaSettingsFromEnv,
  MessagingModule,
  outboxSettingsFromEnv,
} from '@vigie/messaging';
import { FaultInjector } from '@vigie/observability';
import { CANDIDATE_TOKEN_SECRET, CoreModule } from '@vigie/platform';
import type { Logger } from 'pino';
import { AlertRepository } from './alerts/alert.repository';
import { AlertsController } from './alerts/alerts.controller';
import { ALERTS_PER_CANDIDATE_MAX, CreateAlertUseCase } from './alerts/create-alert.usecase';
import { PgAlertRepository } from './alerts/pg-alert.repository';
import { UNSUBSCRIBE_SECRET, UnsubscribeController } from './alerts/unsubscribe.controller';
import { AlertMatcherConfig, SERVICE_NAME } from './config';
import { MatchOffersUseCase } from './matching/match-offers.usecase';
import { MatchRepository, PgMatchRepository } from './matching/match.repository';
import { OfferIndexedConsumer } from './matching/offer-indexed.consumer';
import { CreateAlerts1764400000002 } from './migrations/1764400000002-create-alerts';
import { EventTableRetention1764700000011 } from './migrations/1764700000011-event-table-retention';

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
          ]),
        ),
        MessagingModule.forRoot({
          kafka: kafkaSettingsFromEnv(config, SERVICE_NAME),
          consumer: consumerSettingsFromEnv(config),
          logger,
          faults: new FaultInjector(config.FAULT_INJECTION, config.NODE_ENV),
          produces: [TOPICS.matchCreated],
          consumes: [TOPICS.offerIndexed],
          classifiers: [(e) => (isTransientDatabaseError(e) ? 'transient' : undefined)],
          outbox: outboxSettingsFromEnv(config),
        }),
      ],
      controllers: [AlertsController, UnsubscribeController, OfferIndexedConsumer],
      providers: [
        { provide: CANDIDATE_TOKEN_SECRET, useValue: config.CANDIDATE_TOKEN_SECRET },
        { provide: UNSUBSCRIBE_SECRET, useValue: config.UNSUBSCRIBE_SECRET },
        { provide: ALERTS_PER_CANDIDATE_MAX, useValue: config.ALERTS_PER_CANDIDATE_MAX },
        { provide: AlertRepository, useClass: PgAlertRepository },
        { provide: MatchRepository, useClass: PgMatchRepository },
        CreateAlertUseCase,
        MatchOffersUseCase,
      ],
    };
  }
}
