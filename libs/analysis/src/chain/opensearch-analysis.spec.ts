import { FRENCH_CHAIN, FRENCH_TEXT_ANALYZER, openSearchAnalysis } from '@vigie/analysis';

describe('openSearchAnalysis', () => {
  const settings = openSearchAnalysis();

  it('uses only components that OpenSearch 2.19/3.x and Elasticsearch 8 share', () => {
    const types = (group: Record<string, Record<string, unknown>>) => Object.values(group).map((c) => c.type);
    expect(new Set(types(settings.char_filter))).toEqual(new Set(['mapping']));
    expect(new Set(types(settings.tokenizer))).toEqual(new Set(['pattern']));
    for (const type of types(settings.filter)) {
      expect([
        'length',
        'elision',
        'lowercase',
        'asciifolding',
        'stop',
        'pattern_replace',
        'stemmer',
      ]).toContain(type);
    }
  });

  it('defines every component an analyzer or normalizer names', () => {
    for (const a of [...Object.values(settings.analyzer), ...Object.values(settings.normalizer)]) {
      for (const c of a.char_filter as string[]) expect(settings.char_filter).toHaveProperty([c]);
      for (const f of a.filter as string[]) expect(settings.filter).toHaveProperty([f]);
      if (a.tokenizer !== undefined) expect(settings.tokenizer).toHaveProperty([a.tokenizer as string]);
    }
  });

  it('serialises the chain as it is defined: same tokenizer pattern, same filter order', () => {
    const def = FRENCH_CHAIN.analyzers[FRENCH_TEXT_ANALYZER];
    expect(settings.analyzer[FRENCH_TEXT_ANALYZER]).toEqual({
      type: 'custom',
      char_filter: def.char_filter,
      tokenizer: def.tokenizer,
      filter: def.filter,
      position_increment_gap: 100,
    });
    expect(settings.tokenizer.vigie_words).toEqual({
      type: 'pattern',
      pattern: FRENCH_CHAIN.tokenizers.vigie_words.pattern,
      group: 0,
    });
    expect(settings.filter.french_stemmer).toEqual({ type: 'stemmer', language: 'light_french' });
  });

  it('writes mapping rules with every non-alphanumeric character escaped, as Lucene parses them', () => {
    const rules = settings.char_filter.vigie_strip_marks!.mappings as string[];
    expect(rules).toContain('\\u00ad => ');
    expect(rules).toContain('\\u0301 => ');
    expect(rules).toHaveLength(1 + 0x70);
  });
});
