import type { Readable } from 'node:stream';
import type { FeedDeclaration, FeedItem, FeedParseLimits, FeedParser } from '../feed-format';
import { isJobPosting, jobPostingItem, typeOf } from './job-posting-item';
import { jsonLdNodes } from './json-ld-records';

/**
 * schema.org JobPosting JSON-LD: one object, an array of them, a document whose `@graph` holds them
 * (with other nodes such as the Organization, which are skipped), or JSON Lines of any of these
 * for bulk. Positions count the JobPostings (and the unreadable nodes) in feed order.
 */
export class JsonLdFeedParser implements FeedParser {
  readonly format = 'jsonld' as const;

  async *parse(
    source: Readable,
    limits: FeedParseLimits,
    _onDeclaration?: (d: FeedDeclaration) => void,
  ): AsyncGenerator<FeedItem> {
    let position = 0;
    for await (const node of jsonLdNodes(source, limits)) {
      if ('error' in node) {
        position += 1;
        yield { position, errors: [{ field: `node ${position}`, reason: node.error }] };
        continue;
      }
      if (!isJobPosting(node.value)) {
        // Inside a @graph the other nodes (WebPage, Organization…) are context, not offers.
        if (node.inGraph) continue;
        position += 1;
        yield {
          position,
          errors: [{ field: '@type', reason: `must be JobPosting, not ${typeOf(node.value)}` }],
        };
        continue;
      }
      position += 1;
      yield jobPostingItem(position, node.value);
    }
  }
}
