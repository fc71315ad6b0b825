import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@vigie/kernel';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Logger } from 'pino';
import { PublishOffersUseCase } from '../offers/publish-offers.usecase';
import { FEED_LOGGER } from './fetch-due-feeds.usecase';
import { FeedImportRequest, FeedImportStarter } from './feed-import-starter.port';

export const IMPORT_BATCH_SIZE = Symbol('IMPORT_BATCH_SIZE');

const JSON_LINES_TYPES = /^application\/(x-ndjson|jsonl|x-jsonlines|jsonlines)\b/i;

/**
 * Interim binding of FeedImportStarter until the import jobs (StartImportUseCase) land: Vigie's
 * own offer shape as JSON Lines, one offer a line, published in batches through the batch
 * endpoint's use case. Other formats are refused with UNSUPPORTED_FEED_FORMAT; snapshot mode
 * does not expire missing offers here. The import runs to its end before this resolves.
 */
@Injectable()
export class PublishOffersFeedImportStarter extends FeedImportStarter {
  constructor(
    private readonly publishOffers: PublishOffersUseCase,
    @Inject(IMPORT_BATCH_SIZE) private readonly batchSize: number,
    @Inject(FEED_LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  async start(request: FeedImportRequest): Promise<{ importId: string }> {
    const jsonLines = request.formatHint === 'jsonl' || JSON_LINES_TYPES.test(request.declaredType ?? '');
    if (!jsonLines) {
      throw new DomainError<'UNSUPPORTED_FEED_FORMAT'>(
        'UNSUPPORTED_FEED_FORMAT',
        `only JSON Lines feeds are imported for now (got ${request.declaredType ?? 'no content type'})`,
      );
    }
    const importId = randomUUID();
    const body: Readable = /gzip/i.test(request.contentEncoding ?? '')
      ? pipeline(request.body, createGunzip(), () => undefined)
      : request.body;
    let batch: unknown[] = [];
    let accepted = 0;
    let rejected = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const result = await this.publishOffers.execute(request.recruiterId, batch);
      accepted += result.accepted.length;
      rejected += result.rejected.length;
      batch = [];
    };
    for await (const line of createInterface({ input: body, crlfDelay: Infinity })) {
      if (line.trim().length === 0) continue;
      try {
        batch.push(JSON.parse(line));
      } catch {
        rejected += 1;
        continue;
      }
      if (batch.length >= this.batchSize) await flush();
    }
    await flush();
    this.logger.info({ importId, feedId: request.source.feedId, accepted, rejected }, 'feed imported');
    return { importId };
  }
}
