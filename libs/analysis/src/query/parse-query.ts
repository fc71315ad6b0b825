import { analyze } from '../chain/analyze';
import { expandTerm } from '../synonyms/job-title-synonyms';
import type { ParsedQuery, Phrase, Term } from './parsed-query';
import { QueryError } from './query-errors';
import { sequenceSpan, sequenceText, type TermSequence, toSequence } from './term-sequence';

export interface QueryLimits {
  /** Characters of the raw query. */
  readonly maxLength: number;
  /** Clauses after parsing: required terms + phrases + excluded terms. */
  readonly maxTerms: number;
  /** Positions one word or phrase spans once analysed (gaps of removed stop words included). */
  readonly maxPhraseTerms: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxLength: 256, maxTerms: 16, maxPhraseTerms: 8 };

export interface ParseQueryOptions {
  readonly limits?: Partial<QueryLimits>;
  /** The parameter name errors point at (« q » for the search API, « keywords » for an alert). */
  readonly field?: string;
}

/** ASCII and typographic double quotes (phones turn " into “ ”), and French guillemets. */
const QUOTES = new Set(['"', '“', '”', '„', '«', '»']);
const isSpace = (ch: string) => /\s/u.test(ch);

interface Chunk {
  readonly text: string;
  readonly quoted: boolean;
  readonly negated: boolean;
  readonly source: string;
}

/**
 * The lexer. Whitespace separates words; a quote opens a phrase that runs to the next quote (or to
 * the end when unclosed); a word or phrase that starts with « - » is excluded. Nothing else is an
 * operator: « + », « | », « * », « ( », « : », « ~ »… are text, which the analysis chain then keeps
 * (« C++ », « C# ») or drops — so there are no wildcards, regular expressions, fields or boosts.
 */
function chunks(q: string): Chunk[] {
  const out: Chunk[] = [];
  let i = 0;
  while (i < q.length) {
    if (isSpace(q[i]!)) {
      i++;
      continue;
    }
    const start = i;
    const negated = q[i] === '-' && i + 1 < q.length && !isSpace(q[i + 1]!);
    if (negated) i++;
    if (QUOTES.has(q[i]!)) {
      const open = ++i;
      while (i < q.length && !QUOTES.has(q[i]!)) i++;
      out.push({
        text: q.slice(open, i),
        quoted: true,
        negated,
        source: q.slice(start, Math.min(i + 1, q.length)),
      });
      i++;
      continue;
    }
    const open = i;
    while (i < q.length && !isSpace(q[i]!)) i++;
    out.push({ text: q.slice(open, i), quoted: false, negated, source: q.slice(start, i) });
  }
  return out;
}

/**
 * Parses the safe query syntax and analyses it with the platform's chain:
 * - `développeur java` — both words required, each in any text field, each also found through its
 *   synonyms (« dev »);
 * - `"chef de projet"` — the phrase, its words at consecutive positions of one field, no synonyms;
 * - `-stage`, `-"temps partiel"` — excluded from every field, exactly as written;
 * - a word the chain splits (« aide-soignant », « Bac+2 », « node.js ») must appear as written,
 *   its parts adjacent, like a phrase (with the synonyms of the whole word);
 * - words the chain drops entirely (« de », « H/F ») are ignored.
 * Over a limit, a QueryError names it.
 */
export function parseQuery(q: string, options: ParseQueryOptions = {}): ParsedQuery {
  const limits = { ...DEFAULT_QUERY_LIMITS, ...options.limits };
  const field = options.field ?? 'q';
  if (q.length > limits.maxLength) {
    throw new QueryError('QUERY_TOO_LONG', field, `at most ${limits.maxLength} characters (got ${q.length})`);
  }
  const required = new Map<string, Term>();
  const phrases = new Map<string, Phrase>();
  const excluded = new Map<string, Term>();
  for (const chunk of chunks(q)) {
    const sequence: TermSequence = toSequence(analyze(chunk.text));
    if (sequence.length === 0) continue;
    if (sequenceSpan(sequence) > limits.maxPhraseTerms) {
      throw new QueryError(
        'QUERY_PHRASE_TOO_LONG',
        field,
        `a word or phrase may span at most ${limits.maxPhraseTerms} terms (${JSON.stringify(chunk.source)} spans ${sequenceSpan(sequence)})`,
      );
    }
    const key = sequenceText(sequence);
    if (chunk.negated) {
      if (!excluded.has(key)) excluded.set(key, { source: chunk.source, sequence, alternatives: [sequence] });
    } else if (chunk.quoted) {
      if (!phrases.has(key)) phrases.set(key, { source: chunk.source, sequence });
    } else if (!required.has(key)) {
      required.set(key, { source: chunk.source, sequence, alternatives: expandTerm(sequence) });
    }
    const clauses = required.size + phrases.size + excluded.size;
    if (clauses > limits.maxTerms) {
      throw new QueryError('QUERY_TOO_MANY_TERMS', field, `at most ${limits.maxTerms} terms and phrases`);
    }
  }
  return {
    required: [...required.values()],
    phrases: [...phrases.values()],
    excluded: [...excluded.values()],
  };
}
