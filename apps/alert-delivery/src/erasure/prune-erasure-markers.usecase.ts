import { Clock } from '@vigie/kernel';
import { CandidateDeliveryStore } from './candidate-deliveries.port';

const DAY_MS = 86_400_000;

/**
 * What an erasure keeps to refuse late records goes once no topic can still hold such a record:
 * an erased alert id after the match and alert topics' 7 days of retention (a day more for a
 * consumer's lag), an erased candidate after the 31 days of cvs.retention-warning.created.v1, the
 * longest of the CV e-mails' topics (a day more too). A compacted topic's older records are gone
 * at the tombstone's compaction.
 */
export class PruneErasureMarkersUseCase {
  static readonly KEEP_ALERTS_MS = 8 * DAY_MS;
  static readonly KEEP_CANDIDATES_MS = 32 * DAY_MS;

  constructor(
    private readonly store: CandidateDeliveryStore,
    private readonly clock: Clock,
  ) {}

  execute(): Promise<{ alerts: number; candidates: number }> {
    const now = this.clock.nowMs();
    return this.store.pruneErased(
      new Date(now - PruneErasureMarkersUseCase.KEEP_ALERTS_MS),
      new Date(now - PruneErasureMarkersUseCase.KEEP_CANDIDATES_MS),
    );
  }
}
