import type { ChainDef, CharFilterDef, TokenFilterDef } from './chain.types';
import { FRENCH_CHAIN, FRENCH_TEXT_ANALYZER } from './french-chain';

/** The `analysis` block of index settings, plain JSON (no client types: any adapter can send it). */
export interface OpenSearchAnalysisSettings {
  char_filter: Record<string, Record<string, unknown>>;
  tokenizer: Record<string, Record<string, unknown>>;
  filter: Record<string, Record<string, unknown>>;
  analyzer: Record<string, Record<string, unknown>>;
  normalizer: Record<string, Record<string, unknown>>;
}

/** Lucene's mapping-rule syntax (« a => b ») with every character escaped, so none is special. */
function mappingRule(from: string, to: string): string {
  const escape = (s: string) =>
    [...s]
      .map((ch) =>
        /^[A-Za-z0-9]$/.test(ch)
          ? ch
          : [...ch].map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
      )
      .join('');
  return `${escape(from)} => ${escape(to)}`;
}

function charFilter(def: CharFilterDef): Record<string, unknown> {
  return { type: 'mapping', mappings: def.map.map(([from, to]) => mappingRule(from, to)) };
}

function tokenFilter(def: TokenFilterDef): Record<string, unknown> {
  // The definitions already use the engine's parameter names.
  return { ...def };
}

const mapValues = <T, U>(record: Readonly<Record<string, T>>, fn: (value: T) => U): Record<string, U> =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));

/** The analysis settings for `chain` (default: the platform's French chain). */
export function openSearchAnalysis(chain: ChainDef = FRENCH_CHAIN): OpenSearchAnalysisSettings {
  return {
    char_filter: mapValues(chain.charFilters, charFilter),
    tokenizer: mapValues(chain.tokenizers, (t) => ({ type: t.type, pattern: t.pattern, group: t.group })),
    filter: mapValues(chain.filters, tokenFilter),
    analyzer: mapValues(chain.analyzers, (a) => ({
      type: 'custom',
      char_filter: [...a.char_filter],
      tokenizer: a.tokenizer,
      filter: [...a.filter],
      position_increment_gap: a.position_increment_gap,
    })),
    normalizer: mapValues(chain.normalizers, (n) => ({
      type: 'custom',
      char_filter: [...n.char_filter],
      filter: [...n.filter],
    })),
  };
}

/** The mapping of an analysed text field (title, description, company name). */
export const FRENCH_TEXT_FIELD = { type: 'text', analyzer: FRENCH_TEXT_ANALYZER } as const;
