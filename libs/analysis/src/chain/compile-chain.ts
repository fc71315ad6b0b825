import type {
  AnalysedToken,
  AnalyzerDef,
  ChainDef,
  CharFilterDef,
  NormalizerDef,
  TokenFilterDef,
  TokenizerDef,
} from './chain.types';
import { asciiFoldTerm } from './steps/ascii-folding';
import { frenchLightStem } from './steps/french-light-stemmer';
import { lowerCaseTerm } from './steps/java-character';
import { scanWords } from './steps/word-scanner';
import { TOKEN_PATTERN } from './french-chain';

/** What the engine's `_analyze` reports for one value, plus how many positions it used. */
export interface AnalysisResult {
  readonly tokens: AnalysedToken[];
  /** Tokens the tokenizer produced, kept or removed: the next value of the field starts after them. */
  readonly positionCount: number;
}

export interface CompiledAnalyzer {
  readonly positionIncrementGap: number;
  run(text: string): AnalysisResult;
}

type TextTransform = (text: string) => string;
/** A token filter: the new term, or `null` when the filter removes the token (its position stays). */
type TermFilter = (term: string) => string | null;
type Tokenizer = (text: string, emit: (term: string) => void) => void;

const escapeRegExp = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

function compileCharFilter(def: CharFilterDef): TextTransform {
  const replacements = new Map(def.map);
  // Longest key first: at each position the longest match wins, and output is never rescanned,
  // which is exactly a global replace over an alternation ordered by length.
  const keys = [...replacements.keys()].sort((a, b) => b.length - a.length);
  const single = keys.every((k) => k.length === 1);
  const source = single ? `[${keys.map(escapeRegExp).join('')}]` : keys.map(escapeRegExp).join('|');
  const test = new RegExp(source);
  const all = new RegExp(source, 'g');
  return (text) => (test.test(text) ? text.replace(all, (m) => replacements.get(m)!) : text);
}

/** The tokenizer as the definition says: the pattern itself, as a JavaScript regular expression. */
export function compileTokenizerPattern(def: TokenizerDef): Tokenizer {
  if (def.group === -1) {
    const separator = new RegExp(def.pattern, 'u');
    return (text, emit) => {
      for (const part of text.split(separator)) if (part.length > 0) emit(part);
    };
  }
  const pattern = new RegExp(def.pattern, 'gu');
  return (text, emit) => {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (m[0].length === 0) pattern.lastIndex++;
      else emit(m[0]);
    }
  };
}

/** The tokenizer, with the hand-written scanner for the platform's pattern (proven equal in tests). */
function compileTokenizer(def: TokenizerDef): Tokenizer {
  return def.group === 0 && def.pattern === TOKEN_PATTERN ? scanWords : compileTokenizerPattern(def);
}

function compileFilter(def: TokenFilterDef): TermFilter {
  switch (def.type) {
    case 'length':
      return (term) => (term.length >= def.min && term.length <= def.max ? term : null);
    case 'elision': {
      // Lucene: the first apostrophe (' or ’) splits; a known article before it is dropped,
      // compared case-insensitively when articles_case is set.
      const articles = new Set(def.articles.map(lowerCaseTerm));
      return (term) => {
        let at = term.indexOf("'");
        const typographic = term.indexOf('’');
        if (at < 0 || (typographic >= 0 && typographic < at)) at = typographic;
        return at >= 0 && articles.has(lowerCaseTerm(term.slice(0, at))) ? term.slice(at + 1) : term;
      };
    }
    case 'lowercase':
      return lowerCaseTerm;
    case 'asciifolding':
      return asciiFoldTerm;
    case 'stop': {
      const words = new Set(def.stopwords);
      return (term) => (words.has(term) ? null : term);
    }
    case 'pattern_replace': {
      const pattern = new RegExp(def.pattern, 'gu');
      return (term) => term.replace(pattern, def.replacement);
    }
    case 'stemmer':
      return frenchLightStem;
  }
}

function lookUp<T>(table: Readonly<Record<string, T>>, name: string, kind: string): T {
  const found = table[name];
  if (found === undefined) throw new Error(`the analysis chain has no ${kind} named ${name}`);
  return found;
}

/**
 * Token filters see one term at a time and nothing else, so the whole filter pipeline is a pure
 * function of the token the tokenizer produced: it is memoised. Job ads repeat their vocabulary,
 * so most tokens are a map hit. Bounded (at most ~15 MiB): only word-sized tokens are kept, and
 * the memo starts afresh when it is full.
 */
const MEMO_LIMIT = 100_000;
const MEMO_MAX_TOKEN = 32;

export function compileAnalyzer(chain: ChainDef, def: AnalyzerDef): CompiledAnalyzer {
  const charFilters = def.char_filter.map((n) =>
    compileCharFilter(lookUp(chain.charFilters, n, 'char filter')),
  );
  const tokenize = compileTokenizer(lookUp(chain.tokenizers, def.tokenizer, 'tokenizer'));
  const filters = def.filter.map((n) => compileFilter(lookUp(chain.filters, n, 'token filter')));
  let memo = new Map<string, string | null>();
  const filter = (raw: string): string | null => {
    let term = memo.get(raw);
    if (term !== undefined) return term;
    term = raw;
    for (let i = 0; i < filters.length && term !== null; i++) term = filters[i]!(term);
    if (raw.length <= MEMO_MAX_TOKEN) {
      if (memo.size >= MEMO_LIMIT) memo = new Map();
      memo.set(raw, term);
    }
    return term;
  };
  return {
    positionIncrementGap: def.position_increment_gap,
    run(text) {
      for (const charFilter of charFilters) text = charFilter(text);
      const tokens: AnalysedToken[] = [];
      let position = 0;
      tokenize(text, (raw) => {
        const term = filter(raw);
        if (term !== null) tokens.push({ term, position });
        position++;
      });
      return { tokens, positionCount: position };
    },
  };
}

/** A normalizer runs its filters once over the whole value, as the keyword tokenizer would. */
export function compileNormalizer(chain: ChainDef, def: NormalizerDef): (value: string) => string {
  const charFilters = def.char_filter.map((n) =>
    compileCharFilter(lookUp(chain.charFilters, n, 'char filter')),
  );
  const filters = def.filter.map((n) => compileFilter(lookUp(chain.filters, n, 'token filter')));
  return (value) => {
    for (const charFilter of charFilters) value = charFilter(value);
    let term: string | null = value;
    for (let i = 0; i < filters.length && term !== null; i++) term = filters[i]!(term);
    return term ?? '';
  };
}
