import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@vigie/kernel';
import { pipeline, Readable, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
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

const IDENTITY = /^\s*(identity)?\s*$/i;
const GZIP = /^\s*(x-)?gzip\s*$/i;

/**
 * Creates an import job and spools its body, decompressed, to file storage; the job is then
 * queued for a worker. The size limit counts decompressed bytes, so a small gzip bomb is stopped
 * at the limit. A refused or broken upload leaves a failed job (its id is in the error) and no file.
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
    const format = this.formats.detect(request.contentType, request.formatHint);
    if (!format) {
      throw new ImportError(
        'IMPORT_UNSUPPORTED_TYPE',
        `unsupported content type ${request.contentType ?? '(none)'}; accepted: ${this.formats.acceptedTypes().join(', ')}`,
        [{ field: 'content-type', reason: `must be one of ${this.formats.acceptedTypes().join(', ')}` }],
      );
    }
    const encoding = request.contentEncoding ?? '';
    const gzip = GZIP.test(encoding);
    if (!gzip && !IDENTITY.test(encoding)) {
      throw new ImportError('IMPORT_UNSUPPORTED_ENCODING', `unsupported content encoding ${encoding}`, [
        { field: 'content-encoding', reason: 'must be gzip or absent' },
      ]);
    }
    const job = await this.jobs.create({
      recruiterId: request.recruiterId,
      format,
      mode: request.mode,
      source: request.source,
      expectedCount: request.expectedCount,
      createdAt: this.clock.now(),
    });
    const limit = this.settings.maxBytes;
    let bytes = 0;
    const capped = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > limit) {
          done(
            new ImportError('IMPORT_TOO_LARGE', `the feed exceeds ${limit} bytes once decompressed`, [
              { field: 'body', reason: `larger than ${limit} bytes once decompressed` },
            ]),
          );
        } else done(null, chunk);
      },
    });
    const body = gzip
      ? pipeline(request.body, createGunzip(), capped, () => undefined)
      : pipeline(request.body, capped, () => undefined);
    try {
      const written = await this.spool.write(job.id, body);
      await this.jobs.markQueued(job.id, written, this.clock.now());
      return { importId: job.id };
    } catch (e) {
      const error =
        e instanceof ImportError
          ? e
          : new ImportError(
              'IMPORT_BODY_INVALID',
              gzip ? 'the gzip body could not be decompressed or was cut short' : 'the upload was cut short',
              [{ field: 'body', reason: 'unreadable or incomplete' }],
            );
      request.body.destroy();
      await this.jobs.markFailed(job.id, { code: error.code, message: error.message }, this.clock.now());
      throw error;
    }
  }
}
