import { parserFor } from './parser-registry';

describe('parserFor', () => {
  it.each(['jsonl', 'xml', 'csv', 'francetravail'] as const)('returns the %s parser', (format) => {
    expect(parserFor(format).format).toBe(format);
  });

  it('says a format without a parser yet is unsupported', () => {
    expect(() => parserFor('jsonld')).toThrow(expect.objectContaining({ code: 'FEED_UNSUPPORTED_TYPE' }));
  });
});
