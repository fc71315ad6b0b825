import { ScheduledJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { SummariseCvViewsUseCase } from './summarise-cv-views.usecase';

/** The weekly views summaries on every replica; the week's marker makes one of them compute it. */
export class CvViewSummaryJob extends ScheduledJob {
  constructor(summarise: SummariseCvViewsUseCase, intervalMs: number, logger: Logger) {
    const run = async () => {
      const round = await summarise.execute();
      if (round.computed !== null || round.announced > 0)
        logger.info({ job: 'cv-view-summary', ...round }, 'cv view summaries');
    };
    super({ name: 'cv-view-summary', intervalMs, logger, run });
  }
}
