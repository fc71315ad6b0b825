import { analyze, ESCO_GENDER_PAIRS } from '@vigie/analysis';
import { fold } from '../parsing/fold';

/** At most this many words: every word of an alert's `q` is required, so more narrows it to nothing. */
export const MAX_TITLE_KEYWORDS = 4;

/**
 * Words that say something about the person rather than the job: gender markers (« H/F »,
 * « homme »), and age or its proxies (« jeune », « junior », « senior », R3/R4 of the job-ad rules).
 * They never reach an alert, whose words are match inputs.
 */
const PERSONAL_WORDS = new Set(
  [
    'h/f',
    'f/h',
    'h-f',
    'f-h',
    'hf',
    'fh',
    'homme',
    'femme',
    'man',
    'woman',
    'jeune',
    'junior',
    'senior',
    'sr',
    'jr',
  ].map(fold),
);

/** ESCO's feminine job-title words the French chain does not join to their masculine form. */
const MASCULINE_OF = new Map(ESCO_GENDER_PAIRS.map(([masculine, feminine]) => [fold(feminine), masculine]));

export interface TitleKeywords {
  /** The words of the alert's `q`, as the candidate wrote them (or the masculine ESCO form). */
  words: string[];
  /**
   * What was left out, and why: `personal` (about the person, not the job), `no-term` (a stop word
   * the chain drops), `limit` (past MAX_TITLE_KEYWORDS).
   */
  dropped: Array<{ word: string; reason: 'personal' | 'no-term' | 'limit' }>;
}

/**
 * A CV title → the words of a suggested alert's `q`, kept only when the platform's analysis chain
 * (the one offers are indexed with) makes a term of them, so each word can match an offer title;
 * two words the chain makes the same term of (« Développeur développeuse ») count once. Masked
 * parts (`[nom masqué]`) and query syntax (quotes, a leading « - ») are removed first.
 */
export function titleKeywords(title: string | null): TitleKeywords {
  const out: TitleKeywords = { words: [], dropped: [] };
  if (title === null) return out;
  const seen = new Set<string>();
  const raw = title
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\((?:h|f)\s*\/\s*(?:h|f)\)/giu, ' h/f ')
    .split(/[\s,;:|·•()«»"“”„–—]+/u)
    .map((w) => w.replace(/^[-'’./]+|[-'’./]+$/gu, ''))
    .filter((w) => w.length > 0);
  for (const word of raw) {
    const folded = fold(word);
    if (PERSONAL_WORDS.has(folded)) {
      out.dropped.push({ word, reason: 'personal' });
      continue;
    }
    const written = MASCULINE_OF.get(folded) ?? word;
    const terms = analyze(written).map((t) => t.term);
    if (terms.length === 0) {
      out.dropped.push({ word, reason: 'no-term' });
      continue;
    }
    const key = terms.join(' ');
    if (seen.has(key)) continue;
    if (out.words.length >= MAX_TITLE_KEYWORDS) {
      out.dropped.push({ word, reason: 'limit' });
      continue;
    }
    seen.add(key);
    out.words.push(written);
  }
  return out;
}
