import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@vigie/contracts';
import {
  DatabaseModule,
  databaseSettingsFromEnv,
  isTransientDatabaseError,
  sharedSubjectKeyProviders,
} from '@vigie/database';
import { loadGazetteer } from '@vigie/geo';
import { Clock, SystemClock } from '@vigie/kernel';
import {
  consumerSettingsFromEnv,
  ErrorClassifier,
  KafkaConnection,
  kafkaSettingsFromEnv,
  MessagingModule,
  outboxSettingsFromEnv,
} from '@vigie/messaging';
import { FaultInjector, MetricsRegistry } from '@vigie/observability';
import { CANDIDATE_TOKEN_SECRET, CoreModule } from '@vigie/platform';
import type { Logger } from 'pino';
import { AlertCriteriaPolicy } from './alerts/alert-criteria';
import { AlertRepository } from './alerts/alert.repository';
import { AlertsController } from './alerts/alerts.controller';
import { ChangeAlertUseCase } from './alerts/change-alert.usecase';
import { ALERTS_PER_ADDRESS_MAX, CreateAlertUseCase } from './alerts/create-alert.usecase';
import { OptionalCandidateAuthGuard } from './alerts/optional-candidate-auth.guard';
import { PgAlertRepository } from './alerts/pg-alert.repository';
import { PLACE_DIRECTORY, type PlaceDirectory } from './alerts/place-directory.port';
import { UNSUBSCRIBE_SECRET, UnsubscribeController } from './alerts/unsubscribe.controller';
import { AlertMatcherConfig, SERVICE_NAME } from './config';
import { ErasureRequestedConsumer } from './erasure/erasure-requested.consumer';
import { erasureProviders } from './erasure/erasure.providers';
import { InternalAlertsController } from './internal/internal-alerts.controller';
import { INTERNAL_API_TOKEN, InternalTokenGuard } from './internal/internal-token.guard';
import { AlertBook } from './matching/alert-book';
import { AlertChangedFeed } from './matching/alert-changed.feed';
import { AlertKeywordCounts } from './matching/alert-keyword-counts.port';
import { loadAnchoredAlerts } from './matching/alert-snapshot';
import { AlertTermFrequencies } from './matching/alert-term-frequencies';
import { EMIT_MATCH_V1, MatchOffersUseCase } from './matching/match-offers.usecase';
import { MatchRepository } from './matching/match.repository';
import { matchingEngine } from './matching/matching-engine.factory';
import { MATCHER_LOGGER, MatcherRuntime } from './matching/matcher.runtime';
import { OfferChangedConsumer } from './matching/offer-changed.consumer';
import { PgAlertKeywordCounts } from './matching/pg-alert-keyword-counts';
import { PgMatchRepository } from './matching/pg-match.repository';
import { parseOwnedShards } from './matching/shards';
import { ShardedOfferConsumers } from './matching/sharded-offer.consumers';
import { WithdrawMatchesUseCase } from './matching/withdraw-matches.usecase';
import { ALERT_MATCHER_MIGRATIONS } from './migrations/alert-matcher-migrations';
import { CandidatePagesController } from './pages/candidate-pages.controller';
import { candidatePagesProviders } from './pages/pages.providers';

/**
 * Every match, instant ones included, goes on alerts.match.created.v2 only: alert-delivery groups
 * instant matches per alert over its window (DELIVERY_GROUP_WINDOW_MS). alerts.match.created.v1
 * (one e-mail per match, address inside) is no longer produced; delivery still drains it.
 */
const EMIT_V1 = false;

@Module({})
export class AlertMatcherModule {
  static register(config: AlertMatcherConfig, logger: Logger): DynamicModule {
    const kafka = kafkaSettingsFromEnv(config, SERVICE_NAME);
    const consumer = consumerSettingsFromEnv(config);
    const classifiers: ErrorClassifier[] = [(e) => (isTransientDatabaseError(e) ? 'transient' : undefined)];
    const owned = parseOwnedShards(config.MATCHER_OWNED_SHARDS, config.MATCHER_SHARDS);
    return {
      module: AlertMatcherModule,
      imports: [
        CoreModule.forRoot(logger),
        DatabaseModule.forRoot(databaseSettingsFromEnv(config, SERVICE_NAME, ALERT_MATCHER_MIGRATIONS)),
        MessagingModule.forRoot({
          kafka,
          consumer,
          logger,
          faults: new FaultInjector(config.FAULT_INJECTION, config.NODE_ENV),
          produces: [
            TOPICS.matchCreated,
            TOPICS.matchCreatedV2,
            TOPICS.matchWithdrawn,
            TOPICS.alertChanged,
            TOPICS.erasureConfirmed,
          ],
          consumes: [TOPICS.offerIndexed, TOPICS.offerChanged, TOPICS.erasureRequested],
          classifiers,
          outbox: outboxSettingsFromEnv(config),
        }),
      ],
      controllers: [
        AlertsController,
        UnsubscribeController,
        InternalAlertsController,
        CandidatePagesController,
        OfferChangedConsumer,
        ErasureRequestedConsumer,
      ],
      providers: [
        { provide: CANDIDATE_TOKEN_SECRET, useValue: config.CANDIDATE_TOKEN_SECRET },
        { provide: UNSUBSCRIBE_SECRET, useValue: config.UNSUBSCRIBE_SECRET },
        { provide: INTERNAL_API_TOKEN, useValue: config.INTERNAL_API_TOKEN },
        { provide: ALERTS_PER_ADDRESS_MAX, useValue: config.ALERTS_PER_ADDRESS_MAX },
        { provide: EMIT_MATCH_V1, useValue: EMIT_V1 },
        { provide: Clock, useValue: new SystemClock() },
        // Loaded once at start (a few hundred ms from its cache), then used synchronously.
        { provide: PLACE_DIRECTORY, useFactory: (): PlaceDirectory => loadGazetteer() },
        {
          provide: AlertCriteriaPolicy,
          useFactory: (places: PlaceDirectory) => new AlertCriteriaPolicy(places),
          inject: [PLACE_DIRECTORY],
        },
        { provide: AlertTermFrequencies, useValue: new AlertTermFrequencies() },
        {
          provide: AlertBook,
          // One indexed engine per owned shard, anchored by the alerts' term frequencies.
          useFactory: (places: PlaceDirectory, frequencies: AlertTermFrequencies) =>
            new AlertBook(config.MATCHER_SHARDS, owned, () => matchingEngine(frequencies), places),
          inject: [PLACE_DIRECTORY, AlertTermFrequencies],
        },
        {
          provide: AlertChangedFeed,
          useFactory: (
            connection: KafkaConnection,
            book: AlertBook,
            alerts: AlertRepository,
            counts: AlertKeywordCounts,
            frequencies: AlertTermFrequencies,
          ) =>
            new AlertChangedFeed(
              connection,
              kafka,
              book,
              (b) => loadAnchoredAlerts(counts, frequencies, alerts, b),
              logger.child({ component: 'alert-feed' }),
            ),
          inject: [KafkaConnection, AlertBook, AlertRepository, AlertKeywordCounts, AlertTermFrequencies],
        },
        {
          provide: ShardedOfferConsumers,
          useFactory: (connection: KafkaConnection, metrics: MetricsRegistry) =>
            new ShardedOfferConsumers(
              connection,
              kafka,
              consumer,
              classifiers,
              logger.child({ component: 'offer-consumers' }),
              metrics,
            ),
          inject: [KafkaConnection, MetricsRegistry],
        },
        { provide: MATCHER_LOGGER, useValue: logger.child({ component: 'matcher' }) },
        InternalTokenGuard,
        OptionalCandidateAuthGuard,
        { provide: AlertRepository, useClass: PgAlertRepository },
        { provide: MatchRepository, useClass: PgMatchRepository },
        { provide: AlertKeywordCounts, useClass: PgAlertKeywordCounts },
        CreateAlertUseCase,
        ChangeAlertUseCase,
        // The candidates' keys sealing the match topics, shared with alert-delivery (docs/cv.md).
        ...sharedSubjectKeyProviders(config),
        MatchOffersUseCase,
        WithdrawMatchesUseCase,
        MatcherRuntime,
        ...erasureProviders,
        ...candidatePagesProviders(
          {
            publicUrl: config.ALERTS_PUBLIC_URL,
            linkSecret: config.ALERT_LINK_SECRET,
            deliveryUrl: config.ALERT_DELIVERY_URL,
            internalToken: config.INTERNAL_API_TOKEN,
          },
          logger,
        ),
      ],
    };
  }
}
