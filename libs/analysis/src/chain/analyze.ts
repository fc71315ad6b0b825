import type { AnalysedToken } from './chain.types';
import {
  type AnalysisResult,
  compileAnalyzer,
  compileNormalizer,
  type CompiledAnalyzer,
} from './compile-chain';
import { FOLDED_NORMALIZER, FRENCH_CHAIN, FRENCH_TEXT_ANALYZER } from './french-chain';

export type AnalyzerName = keyof typeof FRENCH_CHAIN.analyzers;

/**
 * The analysed text fields of an offer, by their name in the index. They share one analyzer, so a
 * query analysed once is valid in every field (parseQuery relies on it).
 */
export const TEXT_FIELDS = ['title', 'description', 'companyName'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export const FIELD_ANALYZER: Readonly<Record<TextField, AnalyzerName>> = {
  title: FRENCH_TEXT_ANALYZER,
  description: FRENCH_TEXT_ANALYZER,
  companyName: FRENCH_TEXT_ANALYZER,
};

const compiled = new Map<AnalyzerName, CompiledAnalyzer>();

export function analyzer(name: AnalyzerName): CompiledAnalyzer {
  let found = compiled.get(name);
  if (!found) {
    found = compileAnalyzer(FRENCH_CHAIN, FRENCH_CHAIN.analyzers[name]);
    compiled.set(name, found);
  }
  return found;
}

/** The tokens (term and position) the engine indexes for `text` in `field` (default: french_text). */
export function analyze(text: string, field?: TextField): AnalysedToken[] {
  return analyzer(field === undefined ? FRENCH_TEXT_ANALYZER : FIELD_ANALYZER[field]).run(text).tokens;
}

/** `analyze` with the number of positions used, for callers that chain values like the engine. */
export function analyzeDetailed(text: string, name: AnalyzerName = FRENCH_TEXT_ANALYZER): AnalysisResult {
  return analyzer(name).run(text);
}

export type AnalysedFields = Readonly<Partial<Record<TextField, readonly AnalysedToken[]>>>;

/** Every text field of a document analysed (absent or null fields give no tokens). */
export function analyzeFields(doc: Readonly<Partial<Record<TextField, string | null>>>): AnalysedFields {
  const out: Partial<Record<TextField, AnalysedToken[]>> = {};
  for (const field of TEXT_FIELDS) {
    const text = doc[field];
    if (typeof text === 'string') out[field] = analyze(text, field);
  }
  return out;
}

let folded: ((value: string) => string) | undefined;

/** The `folded` normalizer of keyword sub-fields (facets, exact company): lower case, no accents. */
export function normalizeKeyword(value: string): string {
  folded ??= compileNormalizer(FRENCH_CHAIN, FRENCH_CHAIN.normalizers[FOLDED_NORMALIZER]);
  return folded(value);
}
