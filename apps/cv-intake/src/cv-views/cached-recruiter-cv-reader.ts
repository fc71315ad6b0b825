import { Clock } from '@vigie/kernel';
import { CvRecord, CvRecordSource, OpenableCv, RecruiterCvReader } from './cv-view.port';

interface Entry {
  record: Promise<CvRecord | undefined>;
  until: number;
}

/**
 * The CVs recruiters open, held `ttlMs` per replica: the view path is the platform's hottest (2,000
 * views/s targeted) and recruiters open the same CVs again and again, so each replica reads a CV at
 * most once per `ttlMs`, and concurrent openings of a CV it does not hold share one read. What
 * this delays by at most `ttlMs` on a replica: a CV becoming hidden, erased or searchable, and a
 * contact detail given or withdrawn. Bounded: the oldest entries go first beyond `maxEntries`.
 */
export class CachedRecruiterCvReader extends RecruiterCvReader {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly source: CvRecordSource,
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly maxEntries = 50_000,
  ) {
    super();
  }

  async openable(cvId: string, recruiterId: string): Promise<OpenableCv | undefined> {
    const record = await this.record(cvId);
    return record && { profile: record.profile, contact: record.contacts.get(recruiterId) ?? null };
  }

  private record(cvId: string): Promise<CvRecord | undefined> {
    const now = this.clock.now().getTime();
    const held = this.entries.get(cvId);
    if (held && held.until > now) return held.record;
    const record = this.source.record(cvId);
    this.entries.delete(cvId);
    this.entries.set(cvId, { record, until: now + this.ttlMs });
    // A failed read is not kept: the next opening reads again.
    void record.catch(() => this.entries.get(cvId)?.record === record && this.entries.delete(cvId));
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return record;
  }
}
