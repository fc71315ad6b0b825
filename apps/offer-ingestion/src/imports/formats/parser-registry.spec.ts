import { parserFor } from './parser-registry';

describe('parserFor', () => {
  it.each(['jsonl', 'xml'] as const)('returns the %s parser', (format) => {
    expect(parserFor(format).format).toBe(format);
  });
});
