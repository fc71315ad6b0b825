import { Injectable } from '@nestjs/common';
import type { MatchCreatedV2, OfferChangedV2 } from '@vigie/contracts';
import { Clock } from '@vigie/kernel';
import { AlertChange, AlertProjection } from './alert-projection.port';
import { OfferStates } from './offer-states.port';
import { PendingMatches } from './pending-matches.port';

/** Keeps the alerts projection in step with alerts.alert.changed.v1 (states and tombstones). */
@Injectable()
export class ProjectAlertChangesUseCase {
  constructor(private readonly alerts: AlertProjection) {}

  async execute(changes: readonly AlertChange[]): Promise<void> {
    await this.alerts.apply(changes);
  }
}

/** Keeps each offer's status and cluster from offers.offer.changed.v2. */
@Injectable()
export class ProjectOfferChangesUseCase {
  constructor(private readonly offers: OfferStates) {}

  async execute(changes: readonly OfferChangedV2[]): Promise<void> {
    await this.offers.apply(
      changes.map((c) => ({
        offerId: c.offerId,
        version: c.version,
        status: c.status,
        clusterId: c.offer?.clusterId ?? null,
      })),
    );
  }
}

/**
 * Records v2 matches as pending: the dispatch job groups them per candidate and sends them when
 * due. Recording is idempotent by match id; sending once is the ledger's job, so a replay that
 * records an already sent match again sends nothing.
 */
@Injectable()
export class RecordMatchesUseCase {
  constructor(
    private readonly pending: PendingMatches,
    private readonly clock: Clock,
  ) {}

  async execute(matches: readonly MatchCreatedV2[]): Promise<number> {
    const receivedAt = this.clock.now();
    return this.pending.record(
      matches.map((m) => ({
        matchId: m.matchId,
        candidateId: m.candidateId,
        alertId: m.alertId,
        offerId: m.offerId,
        clusterId: m.clusterId,
        frequency: m.frequency,
        matchedAt: new Date(m.matchedAt),
        receivedAt,
        offer: m.offer,
        explanation: m.explanation,
      })),
    );
  }
}
