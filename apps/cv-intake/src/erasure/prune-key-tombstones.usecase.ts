import { Clock } from '@vigie/kernel';
import { KeyTombstones } from './key-tombstones.port';

const DAY_MS = 86_400_000;

/**
 * An erased candidate's tombstone in the shared key table goes once no message that could still
 * make a key for them can be in flight: a first use comes from a producer sealing a record about
 * the candidate, and what feeds those producers is retained at most 31 days on its topic
 * (cvs.retention-warning.created.v1, the longest of the candidate topics; matches, alerts and the
 * erasure request itself 7), plus a day for a consumer's lag: 32 days, as alert-delivery keeps
 * its erased candidates. A replayed erasure request within that time writes the tombstone again.
 */
export class PruneKeyTombstonesUseCase {
  static readonly KEEP_MS = 32 * DAY_MS;

  constructor(
    private readonly tombstones: KeyTombstones,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<{ pruned: number }> {
    const pruned = await this.tombstones.pruneBefore(
      new Date(this.clock.nowMs() - PruneKeyTombstonesUseCase.KEEP_MS),
    );
    return { pruned };
  }
}
