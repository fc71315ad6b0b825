import { Inject, Injectable } from '@nestjs/common';
import { Clock, isDomainError } from '@vigie/kernel';
import { Readable } from 'node:stream';
import type { FeedFormat } from './formats/feed-format';
import { FeedFormatCatalog } from './feed-format-catalog.port';
import type { ImportMode, ImportSource } from './import-job';
import { ImportError } from './import-errors';
import { ImportJobRepository } from './import-job.repository.port';
import { ImportSpool } from './import-spool.port';
import { IMPORT_SETTINGS, type ImportSettings } from './import-settings';

export interface ImportRequest {
  recruiterId: string;
  body: Readable;
  contentType: string | null;
  contentEncoding: string | null;
  /** The format a registered feed declares; the Content-Type still decides when it names one. */
  formatHint?: FeedFormat;
  mode: ImportMode;
  expectedCount: number | null;
  source: ImportSource;
}

/**
 * Creates an import job and spools its body, decompressed, to file storage; the job is then
 * queued for a worker. A wrong type or encoding is refused before any job exists; a body past
 * the size cap (counted after decompression, so a gzip bomb stops at the cap) or cut short leaves
 * a failed job and no file.
 */
@Injectable()
export class StartImportUseCase {
  constructor(
    private readonly jobs: ImportJobRepository,
    private readonly spool: ImportSpool,
    private readonly formats: FeedFormatCatalog,
    private readonly clock: Clock,
    @Inject(IMPORT_SETTINGS) private readonly settings: ImportSettings,
  ) {}

  async execute(request: ImportRequest): Promise<{ importId: string }> {
    let opened;
    try {
      opened = await this.formats.open(
        request.body,
        {
          contentType: request.contentType,
          contentEncoding: request.contentEncoding,
          ...(request.formatHint ? { formatHint: request.formatHint } : {}),
        },
        this.settings.maxBytes,
      );
    } catch (e) {
      request.body.destroy();
      throw e;
    }
    const job = await this.jobs.create({
      recruiterId: request.recruiterId,
      format: opened.format,
      mode: request.mode,
      source: request.source,
      expectedCount: request.expectedCount,
      createdAt: this.clock.now(),
    });
    try {
      const written = await this.spool.write(job.id, opened.body);
      await this.jobs.markQueued(job.id, written, this.clock.now());
      return { importId: job.id };
    } catch (e) {
      const error = isDomainError(e)
        ? e
        : new ImportError('IMPORT_BODY_INVALID', 'the upload was cut short or could not be read', [
            { field: 'body', reason: 'unreadable or incomplete' },
          ]);
      request.body.destroy();
      await this.jobs.markFailed(job.id, { code: error.code, message: error.message }, this.clock.now());
      throw error;
    }
  }
}
