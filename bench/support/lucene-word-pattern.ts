/**
 * The tokenizer's words as a Lucene regular expression (the engine's `simple_pattern` tokenizer,
 * which runs it as a determinised automaton: one table step per character, where the `pattern`
 * tokenizer ran Java's backtracking regex). Lucene's syntax has no `\p{…}` classes, so the letter,
 * digit and mark classes are written out as code point ranges, taken from JavaScript's own
 * `\p{…}` tables: the scanner (word-scanner.ts) reads the same tables, so both sides agree on
 * every code point, whatever Unicode version the engine's Java knows.
 */

/** Code point ranges (inclusive) of the characters `re` matches, surrogates excluded. */
function codePointRanges(re: RegExp): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  let start = -1;
  for (let cp = 0; cp <= 0x110000; cp++) {
    const inside = cp < 0x110000 && (cp < 0xd800 || cp > 0xdfff) && re.test(String.fromCodePoint(cp));
    if (inside && start < 0) start = cp;
    else if (!inside && start >= 0) {
      out.push([start, cp - 1]);
      start = -1;
    }
  }
  return out;
}

/** One code point in Lucene's syntax: ASCII punctuation escaped (`#`, `&`, `~`, `@`, `<`… are operators). */
function literal(cp: number): string {
  const ch = String.fromCodePoint(cp);
  return cp < 0x80 && !/[A-Za-z0-9]/.test(ch) ? `\\${ch}` : ch;
}

function characterClass(re: RegExp): string {
  const body = codePointRanges(re)
    .map(([from, to]) => (from === to ? literal(from) : `${literal(from)}-${literal(to)}`))
    .join('');
  return `[${body}]`;
}

const WORD_START = characterClass(/[\p{L}\p{N}]/u);
const WORD_CHAR = characterClass(/[\p{L}\p{N}\p{M}]/u);
const WORD = `${WORD_START}${WORD_CHAR}*`;

/**
 * A word (letters and digits, then marks too), words joined by `'` or `’`, an optional `++` or `#`;
 * or `.NET`. The tokenizer takes the longest match at each position and skips one character
 * where none starts, so `ASP.NET` gives `ASP` `.NET` (there are no look-arounds in this syntax).
 */
export const LUCENE_WORD_PATTERN = `${WORD}(\\'${WORD}|’${WORD})*(\\+\\+|\\#)?|\\.[Nn][Ee][Tt]`;
