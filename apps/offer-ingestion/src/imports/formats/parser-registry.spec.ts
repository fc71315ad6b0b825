import { parserFor } from './parser-registry';

describe('parserFor', () => {
  it('returns the parser of a supported format', () => {
    expect(parserFor('jsonl').format).toBe('jsonl');
  });
});
