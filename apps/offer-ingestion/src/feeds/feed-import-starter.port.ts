import type { Readable } from 'node:stream';
import { FeedFormat, FeedMode } from './feed';

export interface FeedImportRequest {
  recruiterId: string;
  body: Readable;
  /** The response's Content-Type, and the format the recruiter declared for the feed. */
  declaredType: string | null;
  formatHint: FeedFormat;
  /** The response's Content-Encoding (e.g. gzip), undone by the import. */
  contentEncoding: string | null;
  mode: FeedMode;
  expectedCount: number | null;
  source: { kind: 'feed'; feedId: string; url: string };
}

/**
 * Port: hands a fetched feed body to the import jobs (StartImportUseCase), which parse, validate
 * and store it with its report. Resolves once the import has taken the body; its id names the job.
 */
export abstract class FeedImportStarter {
  abstract start(request: FeedImportRequest): Promise<{ importId: string }>;
}
