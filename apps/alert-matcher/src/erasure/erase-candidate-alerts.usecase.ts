import { Injectable } from '@nestjs/common';
import type { ErasureRequestedV1 } from '@vigie/contracts';
import { Clock } from '@vigie/kernel';
import { AlertBook } from '../matching/alert-book';
import { CandidateAlertStore, ErasedAlerts } from './candidate-alerts.port';

/**
 * alert-matcher's part of an erasure: the candidate's alerts and matches go, and a tombstone per
 * alert on the compacted alerts.alert.changed.v1 makes every matcher instance (and delivery's
 * projection) drop the alert, and compaction drop every earlier record of it, address included.
 * This instance drops them from its book at once rather than at the tombstone's round trip.
 * Idempotent: a replayed request finds nothing and confirms again (the receipt keeps the first).
 */
@Injectable()
export class EraseCandidateAlertsUseCase {
  constructor(
    private readonly store: CandidateAlertStore,
    private readonly book: AlertBook,
    private readonly clock: Clock,
  ) {}

  async execute(request: ErasureRequestedV1): Promise<ErasedAlerts> {
    const erased = await this.store.eraseAndConfirm(request.candidateId, request.erasureId, this.clock.now());
    for (const alertId of erased.alertIds) this.book.erase(alertId);
    return erased;
  }
}
