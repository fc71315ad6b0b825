import type { FeedFormat, FeedParser } from './feed-format';
import { FeedFormatError } from './feed-format-error';
import { CsvFeedParser } from './csv/csv-parser';
import { FranceTravailFeedParser } from './francetravail/france-travail-parser';
import { JsonLdFeedParser } from './jsonld/json-ld-parser';
import { JsonLinesFeedParser } from './jsonl/jsonl-parser';
import { IndeedXmlFeedParser } from './xml/indeed-xml-parser';

// Parsers are stateless: one instance per format serves every import.
const PARSERS: Partial<Record<FeedFormat, FeedParser>> = {
  jsonl: new JsonLinesFeedParser(),
  xml: new IndeedXmlFeedParser(),
  csv: new CsvFeedParser(),
  jsonld: new JsonLdFeedParser(),
  francetravail: new FranceTravailFeedParser(),
};

/** The streaming parser of a format; FEED_UNSUPPORTED_TYPE for a format without one yet. */
export function parserFor(format: FeedFormat): FeedParser {
  const parser = PARSERS[format];
  if (parser === undefined) {
    throw new FeedFormatError('FEED_UNSUPPORTED_TYPE', `the ${format} format is not supported yet`, [
      { field: 'content-type', reason: `${format} feeds are not supported yet` },
    ]);
  }
  return parser;
}
