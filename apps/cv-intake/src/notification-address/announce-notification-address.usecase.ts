import { Clock } from '@vigie/kernel';
import { NotificationAddressLog } from './notification-address.port';

export interface AnnounceSettings {
  /** An announced address is announced again after this long (a restart or an erasure elsewhere). */
  recheckMs: number;
  /** Candidates remembered per replica; the oldest are forgotten first. */
  maxEntries: number;
}

export const DEFAULT_ANNOUNCE_SETTINGS: AnnounceSettings = { recheckMs: 10 * 60_000, maxEntries: 50_000 };

/**
 * Announces the verified address of the candidate's token whenever they act on cv-intake, and
 * only when it changed since this replica last announced it. Nothing is stored in cv-intake's
 * tables: the compacted topic holds the latest address. The memory is per replica and forgets
 * after `recheckMs`, so a restart, another replica or an erasure (whose tombstone removed the
 * address) costs at most one more event per candidate and period, never a lost address.
 */
export class AnnounceNotificationAddressUseCase {
  private readonly announced = new Map<string, { email: string; at: number }>();

  constructor(
    private readonly log: NotificationAddressLog,
    private readonly clock: Clock,
    private readonly settings: AnnounceSettings = DEFAULT_ANNOUNCE_SETTINGS,
  ) {}

  async execute(candidate: { candidateId: string; email: string }): Promise<boolean> {
    const now = this.clock.now();
    const known = this.announced.get(candidate.candidateId);
    if (known && known.email === candidate.email && now.getTime() - known.at < this.settings.recheckMs)
      return false;
    await this.log.publish(candidate.candidateId, candidate.email, now);
    this.announced.delete(candidate.candidateId); // re-inserted last: the Map is the LRU order
    this.announced.set(candidate.candidateId, { email: candidate.email, at: now.getTime() });
    if (this.announced.size > this.settings.maxEntries)
      this.announced.delete(this.announced.keys().next().value!);
    return true;
  }

  /** After an erasure on this replica: the next action announces the address again. */
  forget(candidateId: string): void {
    this.announced.delete(candidateId);
  }
}
