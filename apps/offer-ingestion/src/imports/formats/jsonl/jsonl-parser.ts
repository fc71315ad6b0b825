import type { Readable } from 'node:stream';
import type { FeedDeclaration, FeedItem, FeedParseLimits, FeedParser } from '../feed-format';
import { safeJsonParse } from '../json/safe-json';
import { readLines } from './line-reader';

/**
 * JSON Lines of Vigie's own offer shape (OfferInputSchema, the body items of POST /v1/offers/batch):
 * one object per line, passed on as they are for the import's validation. Blank lines are skipped;
 * positions are line numbers, so a recruiter finds the line in an editor.
 */
export class JsonLinesFeedParser implements FeedParser {
  readonly format = 'jsonl' as const;

  async *parse(
    source: Readable,
    limits: FeedParseLimits,
    _onDeclaration?: (d: FeedDeclaration) => void,
  ): AsyncGenerator<FeedItem> {
    for await (const line of readLines(source, limits.maxRecordBytes)) {
      if ('error' in line) {
        const reason =
          line.error === 'too_long' ? `longer than ${limits.maxRecordBytes} bytes` : 'not valid UTF-8';
        yield { position: line.number, errors: [{ field: `line ${line.number}`, reason }] };
        continue;
      }
      if (line.text.trim() === '') continue;
      yield jsonRecordItem(line.number, line.text, limits.maxDepth);
    }
  }
}

/** One JSON text that should hold one offer object, as a FeedItem. */
export function jsonRecordItem(position: number, text: string, maxDepth: number): FeedItem {
  const parsed = safeJsonParse(text, maxDepth);
  if (!parsed.ok) return { position, errors: [{ field: `line ${position}`, reason: parsed.reason }] };
  const record = parsed.value;
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return { position, errors: [{ field: `line ${position}`, reason: 'must be a JSON object' }] };
  }
  const candidate = { ...(record as Record<string, unknown>) };
  // Ids as strings: an ATS that sends `"externalRef": 12345` means the reference « 12345 ».
  if (typeof candidate.externalRef === 'number') candidate.externalRef = String(candidate.externalRef);
  const externalRef = typeof candidate.externalRef === 'string' ? candidate.externalRef : undefined;
  return externalRef === undefined ? { position, candidate } : { position, externalRef, candidate };
}
