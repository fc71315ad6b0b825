import { Injectable } from '@nestjs/common';
import { Clock } from '@vigie/kernel';
import { AccessAudit } from '../recruiters/access-audit.port';
import type { ImportJob } from './import-job';
import { ImportError } from './import-errors';
import { ImportJobRepository, ReportPage } from './import-job.repository.port';

/** Rows read per query while streaming a whole report. */
const STREAM_PAGE = 1_000;

/**
 * A recruiter's own import jobs: status, report, confirming a held snapshot expiry. Anyone
 * else's job is IMPORT_NOT_FOUND (404), recorded in the access audit.
 */
@Injectable()
export class ManageImportsUseCase {
  constructor(
    private readonly jobs: ImportJobRepository,
    private readonly audit: AccessAudit,
    private readonly clock: Clock,
  ) {}

  async get(recruiterId: string, id: string): Promise<ImportJob> {
    return (await this.jobs.find(recruiterId, id)) ?? this.notFound(recruiterId, id, 'import.read');
  }

  async reportPage(recruiterId: string, id: string, after: number, limit: number): Promise<ReportPage> {
    await this.get(recruiterId, id);
    return this.jobs.report(id, after, limit);
  }

  /** The whole report, page by page (the caller streams it); the job's ownership is checked first. */
  async reportRows(recruiterId: string, id: string): Promise<AsyncIterable<ReportPage['rows'][number]>> {
    await this.get(recruiterId, id);
    const jobs = this.jobs;
    return (async function* () {
      let after = 0;
      for (;;) {
        const page = await jobs.report(id, after, STREAM_PAGE);
        yield* page.rows;
        if (page.next === null) return;
        after = page.next;
      }
    })();
  }

  async confirmExpiry(recruiterId: string, id: string): Promise<void> {
    const outcome = await this.jobs.confirmExpiry(recruiterId, id, this.clock.now());
    if (outcome === 'not-found') await this.notFound(recruiterId, id, 'import.confirm-expiry');
    if (outcome === 'not-held') {
      throw new ImportError('IMPORT_NOT_HELD', 'the import is not waiting for an expiry confirmation', [
        { field: 'status', reason: 'must be held' },
      ]);
    }
  }

  private async notFound(recruiterId: string, id: string, action: string): Promise<never> {
    await this.audit.recordDenied({ recruiterId, action, resourceType: 'import', resourceId: id });
    throw new ImportError('IMPORT_NOT_FOUND', 'import not found');
  }
}
