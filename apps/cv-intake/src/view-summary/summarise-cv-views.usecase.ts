import { Clock } from '@vigie/kernel';
import { CvViewSummaries } from './cv-view-summaries.port';
import { addDays, previousParisWeek } from './paris-week';

export interface SummaryRound {
  weekStart: string;
  computed: number | null;
  announced: number;
}

/**
 * The weekly "your CV was viewed by N recruiters" e-mail, cv-intake's part: once the Paris week
 * is over and the views had time to be counted (Monday 06:00, also a decent hour for an e-mail),
 * each candidate whose CVs were opened that week gets one cvs.view-summary.created.v1, idempotent
 * per (candidate, week). Time comes from the Clock port only.
 */
export class SummariseCvViewsUseCase {
  /** After the week's end: late views are counted by then, and nobody is mailed at midnight. */
  static readonly GRACE_MS = 6 * 3_600_000;
  static readonly KEEP_WEEKS = 5;

  constructor(
    private readonly summaries: CvViewSummaries,
    private readonly clock: Clock,
    private readonly batchSize = 500,
  ) {}

  async execute(): Promise<SummaryRound> {
    const now = this.clock.now();
    const week = previousParisWeek(now);
    const computed =
      now.getTime() >= week.to.getTime() + SummariseCvViewsUseCase.GRACE_MS
        ? await this.summaries.computeWeek(week, now)
        : null;
    let announced = 0;
    for (;;) {
      const batch = await this.summaries.unannounced(this.batchSize);
      if (batch.length === 0) break;
      announced += await this.summaries.announce(batch, now);
      if (batch.length < this.batchSize) break;
    }
    await this.summaries.forgetBefore(addDays(week.weekStart, -7 * SummariseCvViewsUseCase.KEEP_WEEKS));
    return { weekStart: week.weekStart, computed, announced };
  }
}
