import { Provider } from '@nestjs/common';
import { Clock } from '@vigie/kernel';
import { MetricsRegistry } from '@vigie/observability';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { OfferIndexerConfig } from '../config';
import { IndexOffersUseCase } from '../indexing/index-offers.usecase';
import { OfferIndex } from '../indexing/offer-index.port';
import { PgAdvisoryRunLock } from '../operations/pg-advisory-run-lock';
import { RunLock } from '../operations/run-lock.port';
import { OfferSource } from './offer-source.port';
import { PgOfferSource } from './pg-offer-source';
import { ReconcileIndexUseCase } from './reconcile-index.usecase';
import { ReconcileMetrics } from './reconcile-metrics';
import { ReconciliationJob } from './reconciliation.job';
import { ReconciliationSchedule } from './reconciliation-schedule';
import { ReconciliationRunSettings, RunReconciliationUseCase } from './run-reconciliation.usecase';

/** One lock per index (the prefix isolates environments sharing a database), shared by every instance. */
export const reconcileLockName = (indexPrefix: string) => `vigie-reconcile-index:${indexPrefix}offers`;

export function reconciliationRunSettings(config: OfferIndexerConfig): ReconciliationRunSettings {
  return {
    pageSize: config.RECONCILE_PAGE_SIZE,
    graceMs: config.RECONCILE_GRACE_MS,
    repair: config.RECONCILE_REPAIR,
    lockName: reconcileLockName(config.SEARCH_INDEX_PREFIX),
  };
}

/** Reconciliation inside offer-indexer: the use cases, and the schedule unless RECONCILE_INTERVAL_MS=0. */
export function reconciliationProviders(config: OfferIndexerConfig, logger: Logger): Provider[] {
  const providers: Provider[] = [
    {
      provide: OfferSource,
      useFactory: (ds: DataSource) => new PgOfferSource(ds, config.OFFER_SOURCE_SCHEMA, logger),
      inject: [DataSource],
    },
    { provide: RunLock, useFactory: (ds: DataSource) => new PgAdvisoryRunLock(ds), inject: [DataSource] },
    {
      provide: ReconcileMetrics,
      useFactory: (m: MetricsRegistry) => new ReconcileMetrics(m),
      inject: [MetricsRegistry],
    },
    {
      provide: ReconcileIndexUseCase,
      useFactory: (source: OfferSource, index: OfferIndex, indexOffers: IndexOffersUseCase, clock: Clock) =>
        new ReconcileIndexUseCase(source, index, indexOffers, clock),
      inject: [OfferSource, OfferIndex, IndexOffersUseCase, Clock],
    },
    {
      provide: RunReconciliationUseCase,
      useFactory: (r: ReconcileIndexUseCase, lock: RunLock, m: ReconcileMetrics, clock: Clock) =>
        new RunReconciliationUseCase(r, lock, m, clock, logger),
      inject: [ReconcileIndexUseCase, RunLock, ReconcileMetrics, Clock],
    },
  ];
  if (config.RECONCILE_INTERVAL_MS > 0) {
    providers.push({
      provide: ReconciliationJob,
      useFactory: (run: RunReconciliationUseCase, clock: Clock) =>
        new ReconciliationJob(
          new ReconciliationSchedule(
            run,
            reconciliationRunSettings(config),
            config.RECONCILE_INTERVAL_MS,
            clock,
            logger,
          ),
          config.RECONCILE_INTERVAL_MS,
          logger,
        ),
      inject: [RunReconciliationUseCase, Clock],
    });
  }
  return providers;
}
