import { ScheduledJob } from '@vigie/messaging';
import type { Logger } from 'pino';
import { ApplyCvRetentionUseCase } from './apply-cv-retention.usecase';

/** Runs the retention on every replica; warnings are recorded once and erasures claimed. */
export class CvRetentionJob extends ScheduledJob {
  constructor(retention: ApplyCvRetentionUseCase, intervalMs: number, logger: Logger) {
    const run = async () => {
      const round = await retention.execute();
      if (round.warned + round.erased > 0)
        logger.info({ job: 'cv-retention', ...round }, 'cv retention round');
    };
    super({ name: 'cv-retention', intervalMs, logger, run });
  }
}
