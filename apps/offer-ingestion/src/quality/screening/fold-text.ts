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

interface Folding {
  folded: FoldedText;
  /** Cheap hints that the disguise passes have something to undo (they are skipped otherwise). */
  maybeSpelledOut: boolean;
  maybeLeet: boolean;
}

/** Where folding writes: the output buffer and what the disguise detectors have seen so far. */
class FoldBuffer {
  codes: Uint16Array;
  from: Int32Array;
  n = 0;
  last = NEWLINE; // leading blanks are dropped
  wordLength = 0;
  singleLetterWords = 0;
  maybeSpelledOut = false;
  maybeLeet = false;

  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity);
    this.from = new Int32Array(capacity);
  }

  push(c: number, at: number): void {
    const last = this.last;
    if (c === SPACE) {
      if (last === SPACE || last === NEWLINE) return;
    } else if (c === NEWLINE) {
      if (last === NEWLINE) return;
      if (last === SPACE) {
        // « word \n » : the newline takes the place of the space before it.
        this.codes[this.n - 1] = NEWLINE;
        this.last = NEWLINE;
        return;
      }
    }
    if (this.n === this.codes.length) this.grow();
    const isWordChar = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    const lastIsWordChar = (last >= 97 && last <= 122) || (last >= 48 && last <= 57);
    if (isWordChar) {
      // 0 1 3 4 5 after a letter may stand for o i e a s (« vend3use »).
      if (c <= 53 && c !== 50 && last >= 97) this.maybeLeet = true;
      this.wordLength = lastIsWordChar ? this.wordLength + 1 : 1;
    } else {
      if (lastIsWordChar) {
        this.singleLetterWords = this.wordLength === 1 ? this.singleLetterWords + 1 : 0;
        if (this.singleLetterWords >= 3) this.maybeSpelledOut = true;
      }
      if (c === AT || c === 36) this.maybeLeet = true; // « @ssistante », « a$$istante »
    }
    this.codes[this.n] = c;
    this.from[this.n] = at;
    this.n++;
    this.last = c;
  }

  private grow(): void {
    const codes = new Uint16Array(this.codes.length * 2);
    codes.set(this.codes);
    this.codes = codes;
    const from = new Int32Array(this.from.length * 2);
    from.set(this.from);
    this.from = from;
  }
}

/**
 * Folds every character, collapsing runs of spaces into one and runs of newlines into one. A
 * table lookup per character: this runs on every offer of every import.
 */
function foldCharacters(source: string): Folding {
  const length = source.length;
  const out = new FoldBuffer(length + 8);
  for (let i = 0; i < length; i++) {
    const unit = source.charCodeAt(i);
    const c = unit < TABLE_SIZE ? TABLE[unit]! : COMPOSITE;
    if (c === DROP) continue;
    if (c !== COMPOSITE) {
      out.push(c, i);
      continue;
    }
    const cp = source.codePointAt(i)!;
    const folded = foldCodePoint(cp);
    for (let k = 0; k < folded.length; k++) out.push(folded.charCodeAt(k), i);
    if (cp > 0xffff) i++;
  }
  if (out.wordLength === 1 && out.singleLetterWords >= 2 && /[a-z0-9]/.test(String.fromCharCode(out.last))) {
    out.maybeSpelledOut = true;
  }
  let n = out.n;
  while (n > 0 && (out.codes[n - 1] === SPACE || out.codes[n - 1] === NEWLINE)) n--;
  return {
    folded: { source, text: decodeUtf16(out.codes, n), from: out.from.slice(0, n) },
    maybeSpelledOut: out.maybeSpelledOut,
    maybeLeet: out.maybeLeet,
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
