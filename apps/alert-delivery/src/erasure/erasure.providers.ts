import type { Provider } from '@nestjs/common';
import { CandidateDeliveryStore } from './candidate-deliveries.port';
import { EraseCandidateDeliveriesUseCase } from './erase-candidate-deliveries.usecase';
import { PgCandidateDeliveryStore } from './pg-candidate-delivery-store';

/** Erasure in alert-delivery: the module lists these and ErasureRequestedConsumer. */
export const erasureProviders: Provider[] = [
  { provide: CandidateDeliveryStore, useClass: PgCandidateDeliveryStore },
  EraseCandidateDeliveriesUseCase,
];
