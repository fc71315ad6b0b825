import type { Provider } from '@nestjs/common';
import { CandidateAlertStore } from './candidate-alerts.port';
import { EraseCandidateAlertsUseCase } from './erase-candidate-alerts.usecase';
import { PgCandidateAlertStore } from './pg-candidate-alert-store';

/** Erasure in alert-matcher: the module lists these and ErasureRequestedConsumer. */
export const erasureProviders: Provider[] = [
  { provide: CandidateAlertStore, useClass: PgCandidateAlertStore },
  EraseCandidateAlertsUseCase,
];
