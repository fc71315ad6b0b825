import { FEED_FORMATS, type FeedFormat } from './feed-format';
import { parserFor } from './parser-registry';

describe('parserFor', () => {
  it.each(FEED_FORMATS)('returns the %s parser', (format) => {
    expect(parserFor(format).format).toBe(format);
  });

  it('says a format it does not know is unsupported', () => {
    expect(() => parserFor('yaml' as FeedFormat)).toThrow(
      expect.objectContaining({ code: 'FEED_UNSUPPORTED_TYPE' }),
    );
  });
});
