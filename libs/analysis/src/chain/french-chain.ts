import type { ChainDef } from './chain.types';

/** Letters and digits, then any combining marks (kept inside a word, never starting one). */
const WORD = String.raw`[\p{L}\p{N}][\p{L}\p{N}\p{M}]*`;
const NOT_WORD_CHAR = String.raw`[\p{L}\p{N}\p{M}]`;

/**
 * The tokenizer, one regular expression that reads the same in Java and JavaScript. A token is:
 * - a word, with inner apostrophes kept for the elision filter (« l'ingénieur », « aujourd’hui »);
 *   everything else separates, so « aide-soignant », « Bac+2 », « H/F », « node.js », « 35 000 »
 *   give « aide » « soignant », « bac » « 2 », « h » « f », « node » « js », « 35 » « 000 »;
 * - ending in « ++ » or « # » when written so (« C++ », « C# », « F# », « Notepad++ »);
 * - « .NET » standing alone (not after a letter or digit, so « site.net » stays « site » « net »).
 * No alternative can match the empty string and no quantified group can overlap its neighbour, so
 * matching is linear (no backtracking trap).
 */
export const TOKEN_PATTERN =
  `${WORD}(?:['’]${WORD})*(?:\\+\\+|#)?` + `|(?<!${NOT_WORD_CHAR})\\.[Nn][Ee][Tt](?!${NOT_WORD_CHAR})`;

/** The separator between the terms of a pre-analysed query, and the placeholder for a gap. */
export const PREANALYSED_SEPARATOR = ' ';
export const PREANALYSED_GAP = '_';

/** French articles and conjunctions the elision filter strips before an apostrophe (« qu'il »). */
const ELIDED = 'l m t qu n s j d c jusqu quoiqu lorsqu puisqu'.split(' ');

/**
 * Stop words, compared after lower-casing and folding, so written folded. The Snowball French list
 * (BSD, snowballstem.org; the `_french_` set of the engine) folded — minus « fumes » and « futes »,
 * folded forms of « fûmes », « fûtes » that are ordinary words once the accent is gone — plus the
 * gender marks of job titles (« H/F », « F/H/X », « HF ») and a few English function words that
 * job ads mix in.
 */
const SNOWBALL_FRENCH_FOLDED = (
  'au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me meme mes moi ' +
  'mon ne nos notre nous on ou par pas pour qu que qui sa se ses sur ta te tes toi ton tu un une ' +
  'vos votre vous c d j l a m n s t y etee etees etant suis es etes sont serai seras sera serons ' +
  'serez seront serais serait serions seriez seraient etais etait etions etiez etaient fus fut ' +
  'furent sois soit soyons soyez soient fusse fusses fussions fussiez fussent ayant eu eue eues eus ' +
  'ai avons avez ont aurai aurons aurez auront aurais aurait aurions auriez auraient avais avait ' +
  'aviez avaient eut eumes eutes eurent aie aies ait ayons ayez aient eusse eusses eussions eussiez ' +
  'eussent ceci cela cet cette ici ils les leurs quel quels quelle quelles sans soi'
).split(' ');
const JOB_AD_MARKS = 'h f x hf fh hfx fhx'.split(' ');
const ENGLISH_FUNCTION_WORDS = 'the and of for to in with'.split(' ');

/** Combining diacritics (decomposed « é » = « e » + U+0301) and the soft hyphen: removed. */
const STRIPPED: Array<readonly [string, string]> = [['\u00ad', '']];
for (let c = 0x300; c <= 0x36f; c++) STRIPPED.push([String.fromCharCode(c), '']);

export const FRENCH_TEXT_ANALYZER = 'french_text';
export const PREANALYSED_ANALYZER = 'vigie_preanalysed';
export const FOLDED_NORMALIZER = 'folded';

/** The platform's one French analysis chain. Read docs/analysis.md before changing it. */
export const FRENCH_CHAIN = {
  charFilters: {
    vigie_strip_marks: { type: 'mapping', map: STRIPPED },
  },
  tokenizers: {
    vigie_words: { type: 'pattern', pattern: TOKEN_PATTERN, group: 0 },
    vigie_spaces: { type: 'pattern', pattern: PREANALYSED_SEPARATOR, group: -1 },
  },
  filters: {
    // Far beyond any word; keeps a stray blob (base64 in a description) from making a term the
    // index refuses.
    vigie_max_length: { type: 'length', min: 0, max: 255 },
    french_elision: { type: 'elision', articles_case: true, articles: ELIDED },
    french_lowercase: { type: 'lowercase' },
    french_folding: { type: 'asciifolding', preserve_original: false },
    french_stop: {
      type: 'stop',
      stopwords: [...SNOWBALL_FRENCH_FOLDED, ...JOB_AD_MARKS, ...ENGLISH_FUNCTION_WORDS],
      ignore_case: false,
    },
    // Feminine job titles onto their masculine form before stemming: « -ère » (the stemmer's own
    // « -ère » rule needs the accent folding removed, and unaccented input never had it) and
    // « -eure » (« ingénieure », « professeure »), which the stemmer leaves one letter apart.
    french_feminine: {
      type: 'pattern_replace',
      pattern: '^(.{3,}(?:er|eur))es?$',
      replacement: '$1',
      all: true,
    },
    french_stemmer: { type: 'stemmer', language: 'light_french' },
    vigie_gap: { type: 'stop', stopwords: [PREANALYSED_GAP], ignore_case: false },
  },
  analyzers: {
    [FRENCH_TEXT_ANALYZER]: {
      char_filter: ['vigie_strip_marks'],
      tokenizer: 'vigie_words',
      filter: [
        'vigie_max_length',
        'french_elision',
        'french_lowercase',
        'french_folding',
        'french_stop',
        'french_feminine',
        'french_stemmer',
      ],
      position_increment_gap: 100,
    },
    // Terms already analysed by this library, sent back to the engine as « t1 _ t3 »: split on
    // spaces, « _ » holds the place of a removed stop word so phrase positions stay exact.
    [PREANALYSED_ANALYZER]: {
      char_filter: [],
      tokenizer: 'vigie_spaces',
      filter: ['vigie_gap'],
      position_increment_gap: 100,
    },
  },
  normalizers: {
    [FOLDED_NORMALIZER]: {
      char_filter: ['vigie_strip_marks'],
      filter: ['french_lowercase', 'french_folding'],
    },
  },
} as const satisfies ChainDef;
