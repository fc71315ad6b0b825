/**
 * A declarative analysis chain: the same description is serialised for the engine
 * (`openSearchAnalysis()`) and compiled into the TypeScript analyser (`analyze()`), so the two
 * cannot drift apart by editing one side. Only components of OpenSearch's and Elasticsearch's
 * shared `analysis-common` module are used, each with a faithful TypeScript implementation.
 */

/** Lucene's MappingCharFilter: longest match first, replacements are not scanned again. */
export interface MappingCharFilterDef {
  readonly type: 'mapping';
  readonly map: ReadonlyArray<readonly [from: string, to: string]>;
}

export type CharFilterDef = MappingCharFilterDef;

/**
 * Lucene's PatternTokenizer. `group: 0`: every match of `pattern` is a token; `group: -1`: the text
 * between matches is. The pattern must mean the same in Java and in JavaScript (`u` flag): plain
 * classes, `\p{…}` categories, fixed-length look-arounds, no possessive or atomic groups.
 */
export interface PatternTokenizerDef {
  readonly type: 'pattern';
  readonly pattern: string;
  readonly group: 0 | -1;
}

export type TokenizerDef = PatternTokenizerDef;

export type TokenFilterDef =
  | { readonly type: 'length'; readonly min: number; readonly max: number }
  | { readonly type: 'elision'; readonly articles_case: true; readonly articles: readonly string[] }
  | { readonly type: 'lowercase' }
  | { readonly type: 'asciifolding'; readonly preserve_original: false }
  | { readonly type: 'stop'; readonly stopwords: readonly string[]; readonly ignore_case: false }
  | {
      readonly type: 'pattern_replace';
      readonly pattern: string;
      readonly replacement: string;
      readonly all: true;
    }
  | { readonly type: 'stemmer'; readonly language: 'light_french' };

export interface AnalyzerDef {
  readonly char_filter: readonly string[];
  readonly tokenizer: string;
  readonly filter: readonly string[];
  /** Gap between the values of a multi-valued field (the engine's default is 100). */
  readonly position_increment_gap: number;
}

/** A normalizer works on the whole value (keyword fields): char filters and per-character filters. */
export interface NormalizerDef {
  readonly char_filter: readonly string[];
  readonly filter: readonly string[];
}

export interface ChainDef {
  readonly charFilters: Readonly<Record<string, CharFilterDef>>;
  readonly tokenizers: Readonly<Record<string, TokenizerDef>>;
  readonly filters: Readonly<Record<string, TokenFilterDef>>;
  readonly analyzers: Readonly<Record<string, AnalyzerDef>>;
  readonly normalizers: Readonly<Record<string, NormalizerDef>>;
}

/** One token as the engine reports it: the indexed term and its position in the field. */
export interface AnalysedToken {
  readonly term: string;
  readonly position: number;
}
