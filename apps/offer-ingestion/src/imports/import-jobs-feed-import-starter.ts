import { Injectable } from '@nestjs/common';
import type { FeedFormat as RegisteredFormat } from '../feeds/feed';
import { FeedImportRequest, FeedImportStarter } from '../feeds/feed-import-starter.port';
import type { FeedFormat } from './formats/feed-format';
import { StartImportUseCase } from './start-import.usecase';

/** A registered feed's declared format in the parsers' names; `auto` lets the Content-Type decide. */
const HINT_OF: { readonly [F in RegisteredFormat]: FeedFormat | undefined } = {
  auto: undefined,
  'indeed-xml': 'xml',
  jsonld: 'jsonld',
  jsonl: 'jsonl',
  csv: 'csv',
  'france-travail': 'francetravail',
};

/**
 * FeedImportStarter bound to the import jobs: a fetched feed body becomes an import job like an
 * upload (spooled, then run by the worker with its report and, in snapshot mode, the guard).
 * Resolves once the body is spooled, so the fetch's lease is not held for the whole import.
 */
@Injectable()
export class ImportJobsFeedImportStarter extends FeedImportStarter {
  constructor(private readonly startImport: StartImportUseCase) {
    super();
  }

  start(request: FeedImportRequest): Promise<{ importId: string }> {
    const hint = HINT_OF[request.formatHint];
    return this.startImport.execute({
      recruiterId: request.recruiterId,
      body: request.body,
      contentType: request.declaredType,
      contentEncoding: request.contentEncoding,
      ...(hint ? { formatHint: hint } : {}),
      mode: request.mode,
      expectedCount: request.expectedCount,
      source: request.source,
    });
  }
}
