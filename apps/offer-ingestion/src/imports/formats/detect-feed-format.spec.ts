import { FEED_CONTENT_TYPES, detectFeedFormat } from './detect-feed-format';

const json = Buffer.from('{"externalRef":"a"}\n');
const xml = Buffer.from('<?xml version="1.0"?><source></source>');

describe('detectFeedFormat', () => {
  it.each([
    ['application/x-ndjson', json, 'jsonl'],
    ['application/jsonl; charset=utf-8', json, 'jsonl'],
    ['application/xml', xml, 'xml'],
    ['Text/XML; charset=UTF-8', Buffer.from('\uFEFF  \n<source/>'), 'xml'],
    ['text/csv', Buffer.from('externalRef;title\nA;B\n'), 'csv'],
    ['application/ld+json', Buffer.from('[{"@type":"JobPosting"}]'), 'jsonld'],
    ['application/ld+json', json, 'jsonld'],
    ['application/vnd.francetravail.offres+json', Buffer.from('[{"id":"1"}]'), 'francetravail'],
    ['text/csv', Buffer.alloc(0), 'csv'],
  ])('%s with matching content is %s', (type, bytes, format) => {
    expect(detectFeedFormat(type, bytes)).toBe(format);
  });

  it.each([undefined, '', 'application/json', 'application/octet-stream', 'toString', '__proto__'])(
    'refuses the content type %p with FEED_UNSUPPORTED_TYPE naming every accepted type',
    (type) => {
      expect(() => detectFeedFormat(type, json)).toThrow(
        expect.objectContaining({
          code: 'FEED_UNSUPPORTED_TYPE',
          message: expect.stringContaining(Object.keys(FEED_CONTENT_TYPES).join(', ')),
        }),
      );
    },
  );

  it.each([
    ['application/xml', json, 'a JSON object'],
    ['application/x-ndjson', Buffer.from('[{"a":1}]'), 'a JSON array'],
    ['application/x-ndjson', xml, 'XML'],
    ['text/csv', xml, 'XML'],
    ['application/ld+json', Buffer.from('title,city\n'), 'delimited text'],
    ['text/csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'binary data'],
  ])('declared %s but content of another kind is FEED_FORMAT_MISMATCH', (type, bytes, seen) => {
    expect(() => detectFeedFormat(type, bytes)).toThrow(
      expect.objectContaining({ code: 'FEED_FORMAT_MISMATCH', message: expect.stringContaining(seen) }),
    );
  });

  it('refuses UTF-16 content with FEED_ENCODING_INVALID', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<source/>', 'utf16le')]);

    expect(() => detectFeedFormat('application/xml', utf16)).toThrow(
      expect.objectContaining({ code: 'FEED_ENCODING_INVALID' }),
    );
  });
});
