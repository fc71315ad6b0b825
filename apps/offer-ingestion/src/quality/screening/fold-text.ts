/**
 * Folds offer text into the one spelling the screening rules are written in: lower case, no
 * accents, Latin letters only (Cyrillic and Greek look-alikes mapped), no invisible characters,
 * one space between words, and the common disguises undone (« v.e.n.d.e.u.s.e », « V E N D E U S E »,
 * « vend3use »). Every folded character remembers the source characters it came from, so a
 * finding can quote the recruiter's own text.
 */
export interface FoldedText {
  readonly source: string;
  readonly text: string;
  /** For each character of `text`, the index in `source` of the character it was folded from. */
  readonly from: Int32Array;
}

// Zero-width and bidi controls, soft hyphen, variation selectors, fillers: invisible (J4).
const INVISIBLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xe0000, 0xe007f],
];
const isInvisible = (cp: number): boolean => INVISIBLE_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi);
const SPACES = /^[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]$/u;

// Letters that look Latin but are not: the classic homoglyph disguise.
const HOMOGLYPHS: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ɡ: 'g',
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  ŀ: 'l',
  α: 'a',
  β: 'b',
  ε: 'e',
  ζ: 'z',
  η: 'n',
  ι: 'i',
  κ: 'k',
  μ: 'u',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
};
const APOSTROPHES = new Set(["'", '’', '‘', '‛', '′', '`', '´', 'ʼ']);
const DASHES = new Set(['‐', '‑', '‒', '–', '—', '―', '−', '﹣', '－']);
// The middle dot of inclusive writing (« serveur·euse ») in its look-alike codings.
const MIDDLE_DOTS = new Set(['·', '⋅', '∙', '‧', '・', '•']);

const cache = new Map<number, string>();

function foldCodePoint(cp: number): string {
  const cached = cache.get(cp);
  if (cached !== undefined) return cached;
  const ch = String.fromCodePoint(cp);
  let out: string;
  if (isInvisible(cp)) out = '';
  else if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029') out = '\n';
  else if (SPACES.test(ch)) out = ' ';
  else if (APOSTROPHES.has(ch)) out = "'";
  else if (DASHES.has(ch)) out = '-';
  else if (MIDDLE_DOTS.has(ch)) out = '·';
  else {
    const lower = ch.toLowerCase();
    out =
      HOMOGLYPHS[lower] ??
      lower
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .split('')
        .map((c) => HOMOGLYPHS[c] ?? c)
        .join('');
  }
  if (cache.size < 50_000) cache.set(cp, out);
  return out;
}

const SPACE = 32;
const NEWLINE = 10;
const AT = 64;
const DROP = 0;
const COMPOSITE = 0xffff;

// Folded code of every UTF-16 unit below 0x2100 that folds to exactly one character (DROP for
// invisible ones); COMPOSITE for the rest (surrogates, « œ » → « oe », symbols), folded one by one.
const TABLE_SIZE = 0x2100;
const TABLE = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(TABLE_SIZE);
  for (let c = 0; c < TABLE_SIZE; c++) {
    if (c >= 0xd800) {
      table[c] = COMPOSITE;
      continue;
    }
    const folded = c < 0x80 ? foldAscii(c) : foldCodePoint(c);
    table[c] = folded.length === 0 ? DROP : folded.length === 1 ? folded.charCodeAt(0) : COMPOSITE;
  }
  return table;
}

function foldAscii(c: number): string {
  if (c >= 65 && c <= 90) return String.fromCharCode(c + 32);
  if (c === 9 || c === SPACE) return ' ';
  if (c === NEWLINE || c === 13) return '\n';
  if (c === 96) return "'";
  if (c < 32 || c === 127) return '';
  return String.fromCharCode(c);
}

const isLetterOrDigit = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
// 0 1 3 4 5 $ : the characters that stand for letters in « vend3use ».
const isLeetDigit = (c: number): boolean =>
  c === 48 || c === 49 || c === 51 || c === 52 || c === 53 || c === 36;

interface Folding {
  folded: FoldedText;
  /** Cheap hints that the disguise passes have something to undo (they are skipped otherwise). */
  maybeSpelledOut: boolean;
  maybeLeet: boolean;
}

/**
 * Folds every character, collapsing runs of spaces into one and runs of newlines into one. A
 * table lookup per character: this runs on every offer of every import.
 */
function foldCharacters(source: string): Folding {
  const length = source.length;
  let codes = new Uint16Array(length + 8);
  let from = new Int32Array(length + 8);
  let n = 0;
  let last = NEWLINE; // leading blanks are dropped
  let wordLength = 0;
  let singleLetterWords = 0;
  let maybeSpelledOut = false;
  let maybeLeet = false;
  let pending = '';
  let pendingAt = 0;
  let pendingIndex = 0;

  for (let i = 0; i < length || pendingIndex < pending.length; ) {
    let c: number;
    let at: number;
    if (pendingIndex < pending.length) {
      c = pending.charCodeAt(pendingIndex++);
      at = pendingAt;
    } else {
      const unit = source.charCodeAt(i);
      c = unit < TABLE_SIZE ? TABLE[unit]! : COMPOSITE;
      at = i;
      if (c === COMPOSITE) {
        const cp = source.codePointAt(i)!;
        pending = foldCodePoint(cp);
        pendingIndex = 0;
        pendingAt = i;
        i += cp > 0xffff ? 2 : 1;
        continue;
      }
      i++;
      if (c === DROP) continue;
    }
    if (c === SPACE) {
      if (last === SPACE || last === NEWLINE) continue;
    } else if (c === NEWLINE) {
      if (last === NEWLINE) continue;
      if (last === SPACE) {
        // « word \n » : the newline takes the place of the space before it.
        codes[n - 1] = NEWLINE;
        last = NEWLINE;
        continue;
      }
    }
    if (n === codes.length) {
      const grownCodes = new Uint16Array(n * 2);
      grownCodes.set(codes);
      codes = grownCodes;
      const grownFrom = new Int32Array(n * 2);
      grownFrom.set(from);
      from = grownFrom;
    }
    if (isLetterOrDigit(c)) {
      if (isLeetDigit(c) && last >= 97 && last <= 122) maybeLeet = true;
      wordLength = isLetterOrDigit(last) ? wordLength + 1 : 1;
    } else {
      if (isLetterOrDigit(last)) {
        singleLetterWords = wordLength === 1 ? singleLetterWords + 1 : 0;
        if (singleLetterWords >= 3) maybeSpelledOut = true;
      }
      if (c === AT) maybeLeet = true; // « @ssistante »
    }
    codes[n] = c;
    from[n] = at;
    n++;
    last = c;
  }
  if (isLetterOrDigit(last) && wordLength === 1 && singleLetterWords >= 3) maybeSpelledOut = true;
  while (n > 0 && (codes[n - 1] === SPACE || codes[n - 1] === NEWLINE)) n--;
  return {
    folded: { source, text: decodeUtf16(codes, n), from: from.slice(0, n) },
    maybeSpelledOut,
    maybeLeet,
  };
}

function decodeUtf16(codes: Uint16Array, length: number): string {
  return Buffer.from(codes.buffer, codes.byteOffset, length * 2).toString('utf16le');
}

// Four or more single letters kept apart by the same dots, spaces, dashes or stars: « v.e.n.d.e.u.s.e ».
const SPELLED_OUT = /(?<![a-z0-9])[a-z]([ .\-_*·~|+]{1,3})[a-z](?![a-z0-9])(?:\1[a-z](?![a-z0-9])){2,}/g;
// A digit or symbol standing for a letter inside a word: « vend3use », « @ssistante ».
const LEET = /(?<=[a-z])[0134$5](?=[a-z])|(?<![a-z0-9])@(?=[a-z]{2})/g;
const LEET_LETTERS: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  $: 's',
  '@': 'a',
};

/** Rewrites `folded` by replacing each match of `pattern`; kept characters keep their source index. */
function rewrite(
  folded: FoldedText,
  pattern: RegExp,
  replace: (match: RegExpExecArray) => Array<{ char: string; at: number }>,
): FoldedText {
  pattern.lastIndex = 0;
  if (!pattern.test(folded.text)) return folded;
  pattern.lastIndex = 0;
  let text = '';
  const from: number[] = [];
  let cursor = 0;
  for (let m = pattern.exec(folded.text); m !== null; m = pattern.exec(folded.text)) {
    text += folded.text.slice(cursor, m.index);
    for (let k = cursor; k < m.index; k++) from.push(folded.from[k]!);
    for (const { char, at } of replace(m)) {
      text += char;
      from.push(folded.from[at]!);
    }
    cursor = m.index + m[0].length;
  }
  text += folded.text.slice(cursor);
  for (let k = cursor; k < folded.text.length; k++) from.push(folded.from[k]!);
  return { source: folded.source, text, from: Int32Array.from(from) };
}

export function foldText(source: string): FoldedText {
  const { folded: characters, maybeSpelledOut, maybeLeet } = foldCharacters(source);
  let folded = characters;
  if (maybeSpelledOut)
    folded = rewrite(folded, SPELLED_OUT, (m) => {
      const letters: Array<{ char: string; at: number }> = [];
      for (let k = 0; k < m[0].length; k++) {
        const c = m[0][k]!;
        if (c >= 'a' && c <= 'z') letters.push({ char: c, at: m.index + k });
      }
      return letters;
    });
  if (maybeLeet) folded = rewrite(folded, LEET, (m) => [{ char: LEET_LETTERS[m[0]]!, at: m.index }]);
  return folded;
}

/** The source range behind folded characters [start, end). */
export function sourceRange(folded: FoldedText, start: number, end: number): { start: number; end: number } {
  if (end <= start || start >= folded.from.length) {
    const at = folded.from[start] ?? folded.source.length;
    return { start: at, end: at };
  }
  const last = folded.from[end - 1]!;
  const width = folded.source.codePointAt(last)! > 0xffff ? 2 : 1;
  return { start: folded.from[start]!, end: last + width };
}
